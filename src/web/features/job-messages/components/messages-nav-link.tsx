import { useQueryClient } from '@tanstack/react-query';
import { defineMessages } from '../../../lib/i18n.js';
import { useLiveEvents } from '../../../lib/live-events.js';
import { NavLink } from '../../../lib/router.js';
import { INBOX_KEY, useInbox } from '../api/get-inbox.js';
import { MESSAGE_EVENT_TYPES } from '../api/types.js';
import './job-messages.css';

const t = defineMessages({
  en: {
    messages: 'Messages',
    waiting: '{count} waiting for a reply',
  },
});

/** The console navigation's "Messages", with how many conversations wait for a reply. */
export function MessagesNavLink() {
  const inbox = useInbox({ unread: true, limit: 1 });
  const queryClient = useQueryClient();
  useLiveEvents('/api/events', (event) => {
    if (event.kind === 'job' && MESSAGE_EVENT_TYPES.includes(event.data.type)) void queryClient.invalidateQueries({ queryKey: INBOX_KEY });
  });
  const waiting = inbox.data?.unreadThreads ?? 0;
  return (
    <NavLink href="/console/messages">
      {t('messages')}
      {waiting > 0 && (
        <span className="messages-nav__count" aria-label={t('waiting', { count: waiting })}>
          {waiting}
        </span>
      )}
    </NavLink>
  );
}
