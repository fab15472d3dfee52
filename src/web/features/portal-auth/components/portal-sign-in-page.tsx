import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Redirect, useLocation, useSearchParams } from 'wouter';
import { Alert, Button, Card, Field, Skeleton, TextInput } from '../../../components/ui/index.js';
import { ApiError } from '../../../lib/api-client.js';
import { useProvideBrand } from '../../../lib/brand.js';
import { fieldMessage, formErrors } from '../../../lib/form-errors.js';
import { defineMessages } from '../../../lib/i18n.js';
import { useBranding } from '../api/get-branding.js';
import { usePortalMe } from '../../../lib/portal-me.js';
import { useRequestSignInLink } from '../api/request-sign-in-link.js';
import { useSignInWithToken } from '../api/sign-in-with-token.js';
import './portal-auth.css';

const t = defineMessages({
  en: {
    title: 'Sign in to your portal',
    titleCompany: 'Sign in to {company}',
    intro: 'Enter the email address we have on file. We will send you a link that signs you in, no password needed.',
    email: 'Email',
    emailHint: 'The address you gave us when you booked.',
    emailRequired: 'Email is required.',
    emailInvalid: 'Enter an email address like name@example.com.',
    submit: 'Email me a sign-in link',
    sentTitle: 'Check your inbox',
    sentBody: 'If {email} belongs to one of our customers, a sign-in link is on its way.',
    sentNote: 'The link works once, for 15 minutes. Nothing arrived? Check your spam folder, or send a new link.',
    again: 'Send a new link',
    otherEmail: 'Use another email address',
    signingIn: 'Signing you in…',
    expiredTitle: 'This sign-in link no longer works',
    expiredBody: 'Sign-in links work once, for 15 minutes. Enter your email address and we will send you a new one.',
    noCompany: 'We could not tell which company’s portal this is. Open the sign-in link from your service company’s website or from one of their messages.',
    jobLinkNote: 'Got a message about a job? Its link opens that job directly, without signing in.',
    documentTitle: 'Sign in',
    rateLimited: 'Too many sign-in links were asked for. Wait a few minutes and try again.',
  },
});

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The token of a sign-in e-mail's link, which comes in the fragment so it never reaches a server log. No side effect: React may render twice. */
const readFragmentToken = () => new URLSearchParams(window.location.hash.slice(1)).get('token');

/** The token leaves the address bar once read, so it is not bookmarked or shared. */
function clearFragment() {
  if (window.location.hash) window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
}

/**
 * /portal/sign-in — asks for an email and sends a single-use link; the link comes back here with
 * #token=…, which signs in and opens "My jobs".
 */
export function PortalSignInPage() {
  const [params] = useSearchParams();
  const [, navigate] = useLocation();
  const branding = useBranding(params.get('company'));
  useProvideBrand(branding.data);
  const me = usePortalMe();
  const [token, setToken] = useState(readFragmentToken);
  const signIn = useSignInWithToken();
  const used = useRef<string | null>(null);

  // A link pasted into a tab already on this page changes only the fragment: no new page load.
  useEffect(() => {
    const onHashChange = () => {
      const next = readFragmentToken();
      clearFragment();
      if (next) setToken(next);
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  useEffect(() => {
    clearFragment();
    if (!token || used.current === token) return;
    used.current = token;
    signIn.mutate(token, { onSuccess: () => navigate('/portal/jobs', { replace: true }) });
  }, [token, signIn, navigate]);

  useEffect(() => {
    document.title = t('documentTitle');
  }, []);

  // Already signed in (a bookmark, the back button): straight to their jobs.
  if (!token && me.data) return <Redirect to="/portal/jobs" replace />;

  if (token && !signIn.isError) {
    return (
      <div className="portal-auth__opening" aria-busy="true">
        <span className="ui-spinner" aria-hidden="true" />
        <h1 className="portal-auth__opening-title">{t('signingIn')}</h1>
      </div>
    );
  }

  const expired = token !== null && signIn.isError;
  const company = branding.data;
  return (
    <Card className="portal-auth__panel stack">
      {expired ? (
        <>
          <h1>{t('expiredTitle')}</h1>
          <p>{t('expiredBody')}</p>
        </>
      ) : (
        <h1>{company ? t('titleCompany', { company: company.name }) : t('title')}</h1>
      )}
      {branding.isPending ? (
        <div className="stack-sm" aria-hidden="true">
          <Skeleton height={20} />
          <Skeleton height={44} />
          <Skeleton height={44} width="60%" />
        </div>
      ) : company ? (
        <LinkRequestForm companySlug={company.slug} showIntro={!expired} />
      ) : (
        <Alert tone="info">{t('noCompany')}</Alert>
      )}
      <p className="small muted">{t('jobLinkNote')}</p>
    </Card>
  );
}

function LinkRequestForm({ companySlug, showIntro }: { companySlug: string; showIntro: boolean }) {
  const [email, setEmail] = useState('');
  const [touched, setTouched] = useState(false);
  const [sentTo, setSentTo] = useState<string>();
  const request = useRequestSignInLink();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const server = formErrors(request.error, ['email']);
  const localError = !email.trim() ? t('emailRequired') : !EMAIL.test(email.trim()) ? t('emailInvalid') : undefined;
  const emailError = (touched ? localError : undefined) ?? fieldMessage(t('email'), server.fields.email);

  useEffect(() => {
    if (sentTo) headingRef.current?.focus();
  }, [sentTo]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (localError) return;
    const address = email.trim();
    request.mutate({ company: companySlug, email: address }, { onSuccess: () => setSentTo(address) });
  };

  if (sentTo) {
    return (
      <div className="stack" role="status">
        <div className="portal-auth__sent">
          <svg aria-hidden="true" width="32" height="32" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
            <rect x="2" y="4" width="20" height="16" rx="2" />
            <path d="m22 7-10 6L2 7" />
          </svg>
          <div className="stack-sm">
            <h2 ref={headingRef} tabIndex={-1}>
              {t('sentTitle')}
            </h2>
            <p>{t('sentBody', { email: sentTo })}</p>
            <p className="muted small">{t('sentNote')}</p>
          </div>
        </div>
        <div className="row">
          <Button variant="secondary" loading={request.isPending} onClick={() => request.mutate({ company: companySlug, email: sentTo })}>
            {t('again')}
          </Button>
          <Button variant="ghost" onClick={() => setSentTo(undefined)}>
            {t('otherEmail')}
          </Button>
        </div>
      </div>
    );
  }

  const rateLimited = request.error instanceof ApiError && request.error.status === 429;
  return (
    <form className="stack" onSubmit={submit} noValidate>
      {showIntro && <p>{t('intro')}</p>}
      {(rateLimited || server.message) && <Alert>{rateLimited ? t('rateLimited') : server.message}</Alert>}
      <Field label={t('email')} hint={t('emailHint')} error={emailError}>
        <TextInput type="email" autoComplete="email" inputMode="email" required value={email} onChange={(e) => setEmail(e.target.value)} onBlur={() => setTouched(true)} />
      </Field>
      {/* Leaving the field shows its error and moves the button down before the click lands: keep focus where it is. */}
      <Button type="submit" block loading={request.isPending} onMouseDown={(event) => event.preventDefault()}>
        {t('submit')}
      </Button>
    </form>
  );
}
