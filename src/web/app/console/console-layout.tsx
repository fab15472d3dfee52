import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Redirect, useLocation, useSearch } from 'wouter';
import { Button, Skeleton } from '../../components/ui/index.js';
import { api } from '../../lib/api-client.js';
import { useProvideBrand, type Brand } from '../../lib/brand.js';
import { defineMessages } from '../../lib/i18n.js';
import { LeaveTo } from '../../lib/navigation.js';
import { NavLink } from '../../lib/router.js';
import { useStaffMe } from '../../features/staff-auth/api/get-staff-me.js';
import { useSignOut } from '../../features/staff-auth/api/sign-out.js';
import { NotificationBell } from '../../features/notification-centre/components/notification-bell.js';
import { MessagesNavLink } from '../../features/job-messages/components/messages-nav-link.js';
import './console-layout.css';

const t = defineMessages({
  en: {
    skip: 'Skip to content',
    nav: 'Console',
    jobs: 'Jobs',
    newJob: 'New job',
    customers: 'Customers',
    servicePlans: 'Service plans',
    billing: 'Billing',
    technicians: 'Technicians',
    liveMap: 'Live map',
    feedback: 'Feedback',
    settings: 'Settings',
    messages: 'Notification messages',
    booking: 'Booking and territories',
    billingSettings: 'Billing settings',
    dispatchRules: 'Dispatch rules',
    mailbox: 'Dev mailbox',
    signOut: 'Sign out',
    signedInAs: 'Signed in as {name}',
  },
});

const useCompany = (enabled: boolean) =>
  useQuery({ queryKey: ['company'], queryFn: () => api<Brand & { slug: string }>('GET', '/api/company'), enabled, staleTime: 5 * 60_000 });

/** The dispatcher console's frame: navigation on the left, the page on the right. Office staff only. */
export function ConsoleLayout({ children }: { children: ReactNode }) {
  const [location] = useLocation();
  const search = useSearch();
  const me = useStaffMe();
  const office = me.data && me.data.role !== 'technician';
  const company = useCompany(Boolean(office));
  const signOut = useSignOut();
  useProvideBrand(company.data);

  if (me.isPending) return <Skeleton height="100vh" />;
  if (!me.data) return <Redirect to={`/sign-in?next=${encodeURIComponent(location + (search ? `?${search}` : ''))}`} replace />;
  if (me.data.role === 'technician') return <LeaveTo href="/tech" />;

  return (
    <div className="console">
      <a className="skip-link" href="#main">
        {t('skip')}
      </a>
      <header className="console__sidebar">
        <div className="console__company">
          {company.data?.logoUrl ? <img src={company.data.logoUrl} alt="" height={28} /> : null}
          <span>{company.data?.name ?? '\u00a0'}</span>
          <NotificationBell audience="staff" streamUrl="/api/events" jobHref={(jobId) => `/console/jobs/${jobId}`} />
        </div>
        <nav aria-label={t('nav')}>
          <ul className="console__nav">
            <li>
              <NavLink href="/console" exact>
                {t('jobs')}
              </NavLink>
            </li>
            <li>
              <NavLink href="/console/jobs/new">{t('newJob')}</NavLink>
            </li>
            <li>
              <MessagesNavLink />
            </li>
            <li>
              <NavLink href="/console/customers">{t('customers')}</NavLink>
            </li>
            <li>
              <NavLink href="/console/plans">{t('servicePlans')}</NavLink>
            </li>
            <li>
              <NavLink href="/console/billing">{t('billing')}</NavLink>
            </li>
            <li>
              <NavLink href="/console/technicians">{t('technicians')}</NavLink>
            </li>
            <li>
              <NavLink href="/console/map">{t('liveMap')}</NavLink>
            </li>
            <li>
              <NavLink href="/console/feedback">{t('feedback')}</NavLink>
            </li>
            {me.data.role === 'admin' && (
              <>
                <li>
                  <NavLink href="/console/settings" exact>
                    {t('settings')}
                  </NavLink>
                </li>
                <li>
                  <NavLink href="/console/settings/booking">{t('booking')}</NavLink>
                </li>
                <li>
                  <NavLink href="/console/settings/billing">{t('billingSettings')}</NavLink>
                </li>
                <li>
                  <NavLink href="/console/settings/dispatch">{t('dispatchRules')}</NavLink>
                </li>
                <li>
                  <NavLink href="/console/settings/notifications">{t('messages')}</NavLink>
                </li>
              </>
            )}
            {/* Dispatchers read the booking policy and territories; only admins change them. */}
            {me.data.role === 'dispatcher' && (
              <li>
                <NavLink href="/console/settings/booking">{t('booking')}</NavLink>
              </li>
            )}
            {me.data.role === 'dispatcher' && (
              <li>
                <NavLink href="/console/settings/dispatch">{t('dispatchRules')}</NavLink>
              </li>
            )}
            <li>
              <NavLink href="/dev/mailbox">{t('mailbox')}</NavLink>
            </li>
          </ul>
        </nav>
        <div className="console__user">
          <span className="small">{t('signedInAs', { name: me.data.name })}</span>
          <Button variant="secondary" size="small" onClick={() => signOut.mutate()} loading={signOut.isPending}>
            {t('signOut')}
          </Button>
        </div>
      </header>
      <main id="main" className="console__main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
