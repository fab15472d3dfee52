import type { ReactNode } from 'react';
import { useRoute } from 'wouter';
import { Button } from '../../components/ui/index.js';
import { useBrand, useProvideBrand } from '../../lib/brand.js';
import { defineMessages } from '../../lib/i18n.js';
import { NavLink } from '../../lib/router.js';
import { useBranding } from '../../features/portal-auth/api/get-branding.js';
import { usePortalMe } from '../../lib/portal-me.js';
import { useCustomerSignOut } from '../../features/portal-auth/api/sign-out.js';
import { NotificationBell } from '../../features/notification-centre/components/notification-bell.js';
import './portal-layout.css';

const t = defineMessages({
  en: {
    skip: 'Skip to content',
    nav: 'Your account',
    myJobs: 'My jobs',
    newRequest: 'Request service',
    servicePlans: 'Service plans',
    billing: 'Billing',
    settings: 'Settings',
    signOut: 'Sign out',
    call: 'Call {phone}',
    poweredBy: 'Powered by Arrivo',
  },
});

/**
 * The portal's frame in the service company's colours: its logo or name, a phone number to call,
 * and, for a signed-in customer, the account's navigation. Pages hand over the company's details
 * (useProvideBrand) from what they load; until then the header keeps its height, empty.
 */
export function PortalLayout({ children }: { children: ReactNode }) {
  const me = usePortalMe();
  const brand = useBrand();
  const signOut = useCustomerSignOut();
  // Signed out (a job link, an unsubscribe link, a link that no longer works): the installation's
  // company when it serves only one, so even those pages wear its colours and phone number.
  const soleCompany = useBranding(null, me.isSuccess && me.data === null);
  useProvideBrand(me.data?.company ?? soleCompany.data);
  // A job's page already streams that job (and its viewer's notifications); elsewhere the portal's own stream.
  const [onJobPage, jobPage] = useRoute('/portal/jobs/:jobId');
  const notificationStream = onJobPage ? `/api/portal/jobs/${jobPage.jobId}/events` : '/api/portal/events';

  return (
    <div className="portal">
      <a className="skip-link" href="#main">
        {t('skip')}
      </a>
      <header className="portal__header">
        <div className="portal__header-inner">
          <div className="portal__brand">
            {brand?.logoUrl ? <img src={brand.logoUrl} alt={brand.name} className="portal__logo" /> : <span className="portal__name">{brand?.name ?? '\u00a0'}</span>}
          </div>
          <div className="portal__header-actions">
            {brand?.phone && (
              <a className="portal__call" href={`tel:${brand.phone.replace(/[^+\d]/g, '')}`}>
                {t('call', { phone: brand.phone })}
              </a>
            )}
            {me.data && <NotificationBell audience="customer" streamUrl={notificationStream} jobHref={(jobId) => `/portal/jobs/${jobId}`} />}
          </div>
        </div>
        {me.data && (
          <nav className="portal__nav" aria-label={t('nav')}>
            <NavLink href="/portal/jobs" exact>
              {t('myJobs')}
            </NavLink>
            <NavLink href="/portal/requests/new">{t('newRequest')}</NavLink>
            <NavLink href="/portal/plans">{t('servicePlans')}</NavLink>
            <NavLink href="/portal/billing">{t('billing')}</NavLink>
            <NavLink href="/portal/settings">{t('settings')}</NavLink>
            <Button variant="ghost" size="small" onClick={() => signOut.mutate()} loading={signOut.isPending}>
              {t('signOut')}
            </Button>
          </nav>
        )}
      </header>
      <main id="main" className="portal__main" tabIndex={-1}>
        {children}
      </main>
      <footer className="portal__footer small muted">{t('poweredBy')}</footer>
    </div>
  );
}
