import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { Button, Skeleton } from '../../components/ui/index.js';
import { api } from '../../lib/api-client.js';
import { useProvideBrand, type Brand } from '../../lib/brand.js';
import { defineMessages } from '../../lib/i18n.js';
import { LeaveTo } from '../../lib/navigation.js';
import { useStaffMe } from '../../features/staff-auth/api/get-staff-me.js';
import { useSignOut } from '../../features/staff-auth/api/sign-out.js';
import './technician-layout.css';

const t = defineMessages({ en: { skip: 'Skip to content', today: 'Today', signOut: 'Sign out' } });

/** The technician view's frame: a slim bar with the company and sign-out, the page below. Technicians only. */
export function TechnicianLayout({ children }: { children: ReactNode }) {
  const [location] = useLocation();
  const me = useStaffMe();
  const company = useQuery({ queryKey: ['company'], queryFn: () => api<Brand>('GET', '/api/company'), enabled: me.data?.role === 'technician', staleTime: 5 * 60_000 });
  const signOut = useSignOut();
  useProvideBrand(company.data);

  if (me.isPending) return <Skeleton height="100vh" />;
  if (!me.data) return <LeaveTo href={`/sign-in?next=${encodeURIComponent(location)}`} />;
  if (me.data.role !== 'technician') return <LeaveTo href="/console" />;

  return (
    <div className="tech">
      <a className="skip-link" href="#main">
        {t('skip')}
      </a>
      <header className="tech__bar">
        <Link href="/tech" className="tech__home">
          <span className="tech__company">{company.data?.name ?? '\u00a0'}</span>
          <span className="tech__name">{me.data.name}</span>
        </Link>
        <Button variant="secondary" size="small" onClick={() => signOut.mutate()} loading={signOut.isPending}>
          {t('signOut')}
        </Button>
      </header>
      <main id="main" className="tech__main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
