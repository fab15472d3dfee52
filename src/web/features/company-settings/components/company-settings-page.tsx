import { Alert, Card, PageHeader, Skeleton } from '../../../components/ui/index.js';
import { defineMessages } from '../../../lib/i18n.js';
import { useCompany } from '../api/get-company.js';
import { useMe } from '../api/get-me.js';
import { CategoriesSection } from './categories-section.js';
import { CompanyForm } from './company-form.js';
import './company-settings.css';

const t = defineMessages({
  en: {
    title: 'Settings',
    subtitle: 'How the company appears to its customers, and the services it offers.',
    adminsOnly: 'Only admins can change the company’s settings. Ask an admin of your company if something here needs to change.',
    error: 'The settings could not be loaded. {message}',
  },
});

/** The company's settings and service catalogue; admins only. */
export function CompanySettingsPage() {
  const me = useMe();
  const company = useCompany();
  const isAdmin = me.data?.role === 'admin';

  return (
    <div className="settings">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      {me.isPending ? (
        <Skeleton height={400} />
      ) : !isAdmin ? (
        <Alert tone="info">{t('adminsOnly')}</Alert>
      ) : company.isError ? (
        <Alert>{t('error', { message: company.error.message })}</Alert>
      ) : company.isPending ? (
        <Card>
          <div className="stack">
            {Array.from({ length: 6 }, (_, i) => (
              <Skeleton key={i} height={64} />
            ))}
          </div>
        </Card>
      ) : (
        <>
          <CompanyForm company={company.data} />
          <CategoriesSection />
        </>
      )}
    </div>
  );
}
