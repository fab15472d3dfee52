import { useEffect, useState } from 'react';
import { Redirect, useLocation, useParams } from 'wouter';
import { ButtonLink, Card } from '../../../components/ui/index.js';
import { ApiError } from '../../../lib/api-client.js';
import { defineMessages } from '../../../lib/i18n.js';
import { redeemJobLink } from '../api/redeem-job-link.js';
import './portal-auth.css';

const t = defineMessages({
  en: {
    opening: 'Opening your job…',
    invalidTitle: 'This link no longer works',
    invalidBody: 'Job links stop working some time after the job is closed, or when we send you a newer one.',
    invalidNext: 'Sign in with your email address to see all your jobs, or use the link in our most recent message.',
    signIn: 'Sign in with email',
    failedTitle: 'We could not open your job',
    failedBody: 'Something went wrong on our side or with the connection. Open the link from your message again in a moment.',
  },
});

/** The history entry's marker while a job link is being opened at the clean address /portal. */
export const JOB_LINK_STATE = 'arrivoJobLink';

/**
 * Started once per link and shared by the page instances the router shows while the address
 * changes from /j/:token to /portal (StrictMode mounts twice too): the token is used once.
 */
let redemption: { token: string; promise: Promise<{ jobId: string }> } | undefined;

/**
 * /j/:token — a notification's link. The token leaves the address bar at once (so it is not
 * bookmarked, shared or sent as a Referer), becomes a cookie scoped to the job, and the job's page
 * opens.
 */
export function JobLinkPage() {
  const { token } = useParams<{ token?: string }>();
  const [, navigate] = useLocation();
  const [error, setError] = useState<unknown>();
  if (token && redemption?.token !== token) {
    redemption = { token, promise: redeemJobLink(token) };
    // Whichever page instance is showing handles the failure; this keeps it from counting as unhandled meanwhile.
    redemption.promise.catch(() => undefined);
  }
  const current = redemption;

  useEffect(() => {
    if (token) window.history.replaceState({ [JOB_LINK_STATE]: true }, '', '/portal');
  }, [token]);

  useEffect(() => {
    if (!current) return;
    let live = true;
    current.promise.then(
      ({ jobId }) => live && navigate(`/portal/jobs/${jobId}`, { replace: true }),
      (reason: unknown) => live && setError(reason),
    );
    return () => {
      live = false;
    };
  }, [current, navigate]);

  // Back at /portal with nothing being opened (a reload, the back button): the usual start.
  if (!current) return <Redirect to="/portal/jobs" replace />;

  if (error) {
    const expired = error instanceof ApiError && error.status >= 400 && error.status < 500;
    return (
      <Card className="portal-auth__panel stack">
        <h1>{expired ? t('invalidTitle') : t('failedTitle')}</h1>
        <p>{expired ? t('invalidBody') : t('failedBody')}</p>
        {expired && <p className="muted">{t('invalidNext')}</p>}
        <div>
          <ButtonLink href="/portal/sign-in">{t('signIn')}</ButtonLink>
        </div>
      </Card>
    );
  }

  return (
    <div className="portal-auth__opening" aria-busy="true">
      <span className="ui-spinner" aria-hidden="true" />
      <h1 className="portal-auth__opening-title">{t('opening')}</h1>
    </div>
  );
}
