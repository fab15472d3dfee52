import { useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { ButtonLink, Card } from '../../../components/ui/index.js';
import { ApiError } from '../../../lib/api-client.js';
import { defineMessages } from '../../../lib/i18n.js';
import { redeemSurveyLink } from '../api/redeem-survey-link.js';
import './surveys.css';

const t = defineMessages({
  en: {
    opening: 'Opening the survey…',
    invalidTitle: 'This link no longer works',
    invalidBody: 'Survey links stop working some time after the job is closed. Sign in with your email address to rate your visit from your job’s page.',
    signIn: 'Sign in with email',
    failedTitle: 'We could not open the survey',
    failedBody: 'Something went wrong on our side or with the connection. Open the link from your message again in a moment.',
  },
});

/** The job link carried in the address's fragment (surveys/survey-link.ts on the server). */
function tokenInAddress(): string | null {
  const match = /(?:^#|&)link=([^&]+)/.exec(window.location.hash);
  return match ? decodeURIComponent(match[1]!) : null;
}

/** Shared by the page instances StrictMode mounts, so the token is used once. */
let redemption: { token: string; promise: Promise<{ jobId: string }> } | undefined;

/**
 * /portal/survey#link=<token> — the survey link of the "completed" message. The token leaves the
 * address bar at once, becomes the job's cookie (as /j/<token> does, decision 003), and the job's
 * survey opens: no sign-in needed.
 */
export function SurveyLinkPage() {
  const [, navigate] = useLocation();
  const [token] = useState(tokenInAddress);
  const [error, setError] = useState<unknown>();
  if (token && redemption?.token !== token) {
    redemption = { token, promise: redeemSurveyLink(token) };
    redemption.promise.catch(() => undefined);
  }
  const current = token ? redemption : undefined;

  useEffect(() => {
    if (token) window.history.replaceState(window.history.state, '', window.location.pathname);
  }, [token]);

  useEffect(() => {
    if (!current) return;
    let live = true;
    current.promise.then(
      ({ jobId }) => live && navigate(`/portal/jobs/${jobId}/survey`, { replace: true }),
      (reason: unknown) => live && setError(reason),
    );
    return () => {
      live = false;
    };
  }, [current, navigate]);

  if (!current || error) {
    const expired = !current || (error instanceof ApiError && error.status >= 400 && error.status < 500);
    return (
      <Card className="survey stack">
        <h1>{expired ? t('invalidTitle') : t('failedTitle')}</h1>
        <p>{expired ? t('invalidBody') : t('failedBody')}</p>
        <div>
          <ButtonLink href="/portal/sign-in">{t('signIn')}</ButtonLink>
        </div>
      </Card>
    );
  }
  return (
    <Card className="survey stack" aria-busy="true">
      <h1>{t('opening')}</h1>
    </Card>
  );
}
