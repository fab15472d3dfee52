import './auth-layout.css';
import type { ReactNode } from 'react';

/** The centred card that sign-in, set-up and the welcome page share. */
export function AuthLayout({ title, subtitle, children }: { title: ReactNode; subtitle?: ReactNode; children: ReactNode }) {
  return (
    <div className="auth-page">
      <header className="auth-page__brand">
        <img src="/favicon.svg" alt="" width={32} height={32} />
        <span>Arrivo</span>
      </header>
      <main id="main" className="auth-page__main">
        <h1>{title}</h1>
        {subtitle && <p className="muted">{subtitle}</p>}
        <div className="ui-card stack">{children}</div>
      </main>
    </div>
  );
}
