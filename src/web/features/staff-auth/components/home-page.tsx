import { Redirect } from 'wouter';
import { Alert, ButtonLink, Skeleton } from '../../../components/ui/index.js';
import { defineMessages } from '../../../lib/i18n.js';
import { LeaveTo } from '../../../lib/navigation.js';
import { useSetupNeeded } from '../api/setup.js';
import { useStaffMe } from '../api/get-staff-me.js';
import { AuthLayout } from './auth-layout.js';

const t = defineMessages({
  en: {
    title: 'Welcome to Arrivo',
    subtitle: 'The customer portal and dispatch back office of your service company.',
    setupNeeded: 'This installation has no company yet. Open the set-up link printed in the server log when it started.',
    staff: 'Staff sign-in',
    customer: 'Customer portal',
  },
});

/** `/`: signed-in staff go straight to their screen; everyone else chooses where to sign in. */
export function HomePage() {
  const me = useStaffMe();
  const setup = useSetupNeeded();
  if (me.data?.role === 'technician') return <LeaveTo href="/tech" />;
  if (me.data) return <Redirect to="/console" replace />;
  return (
    <AuthLayout title={t('title')} subtitle={t('subtitle')}>
      {me.isPending || setup.isPending ? (
        <Skeleton height={96} />
      ) : setup.data?.needed ? (
        <Alert tone="info">{t('setupNeeded')}</Alert>
      ) : (
        <div className="stack-sm">
          <ButtonLink href="/sign-in">{t('staff')}</ButtonLink>
          <ButtonLink href="/portal/sign-in" external variant="secondary">
            {t('customer')}
          </ButtonLink>
        </div>
      )}
    </AuthLayout>
  );
}
