import { useEffect, useRef, useState } from 'react';
import { ButtonLink, Card } from '../../../components/ui/index.js';
import { defineMessages } from '../../../lib/i18n.js';
import { useUnsubscribe } from '../api/unsubscribe.js';
import './notification-preferences.css';

const t = defineMessages({
  en: {
    working: 'Unsubscribing you…',
    doneTitle: 'You are unsubscribed',
    doneBody: '{company} will no longer email you about your jobs.',
    doneNote: 'Text messages and the updates on your job pages are not affected. You can turn emails back on at any time in your settings.',
    invalidTitle: 'This unsubscribe link does not work',
    invalidBody: 'The link may be incomplete. Copy the whole link from the email, or change what we send you in your settings.',
    settings: 'Notification settings',
    documentTitle: 'Unsubscribe',
  },
});

/** The token comes in the fragment (#token=…), so it never reaches a server log. Reading it has no side effect: React may render twice. */
const readFragmentToken = () => new URLSearchParams(window.location.hash.slice(1)).get('token');

/** The token leaves the address bar once the page is shown, so it is not bookmarked or shared. */
function clearFragment() {
  if (window.location.hash) window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
}

/** /unsubscribe#token=… — an e-mail's unsubscribe link: one click, confirmed in plain words. */
export function UnsubscribePage() {
  const [token] = useState(readFragmentToken);
  const unsubscribe = useUnsubscribe();
  const started = useRef(false);

  useEffect(() => {
    document.title = t('documentTitle');
    clearFragment();
    if (!token || started.current) return;
    started.current = true;
    unsubscribe.mutate(token);
  }, [token, unsubscribe]);

  if (token && (unsubscribe.isIdle || unsubscribe.isPending)) {
    return (
      <div className="prefs__working" aria-busy="true">
        <span className="ui-spinner" aria-hidden="true" />
        <h1 className="prefs__working-title">{t('working')}</h1>
      </div>
    );
  }

  const done = unsubscribe.isSuccess;
  return (
    <Card className="prefs__message stack">
      <h1>{done ? t('doneTitle') : t('invalidTitle')}</h1>
      {done ? (
        <>
          <p>{t('doneBody', { company: unsubscribe.data.companyName })}</p>
          <p className="muted">{t('doneNote')}</p>
        </>
      ) : (
        <p>{t('invalidBody')}</p>
      )}
      <div>
        <ButtonLink href="/portal/settings" variant={done ? 'secondary' : 'primary'}>
          {t('settings')}
        </ButtonLink>
      </div>
    </Card>
  );
}
