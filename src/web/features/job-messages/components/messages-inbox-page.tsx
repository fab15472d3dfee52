import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { Alert, Badge, Button, Checkbox, EmptyState, PageHeader, Skeleton } from '../../../components/ui/index.js';
import { formatDateTime } from '../../../lib/format.js';
import { defineMessages } from '../../../lib/i18n.js';
import { statusLabel, statusTone } from '../../../lib/job-status.js';
import { useLiveEvents } from '../../../lib/live-events.js';
import { INBOX_KEY, useInbox } from '../api/get-inbox.js';
import { MESSAGE_EVENT_TYPES } from '../api/types.js';
import './job-messages.css';

const t = defineMessages({
  en: {
    title: 'Messages',
    subtitle: 'Conversations with customers about their jobs. Those waiting for a reply come first.',
    waitingOnly: 'Only conversations waiting for a reply',
    waiting: '{count} waiting',
    newCount: '{count} new',
    you: 'Team',
    preview: '{name}: {text}',
    emptyTitle: 'No messages yet',
    emptyBody: 'When a customer writes from their job page, the conversation appears here.',
    emptyWaitingTitle: 'Nothing is waiting for a reply',
    emptyWaitingBody: 'Every customer message has been read.',
    more: 'Show more',
    failed: 'Messages could not be loaded: {message}',
    retry: 'Try again',
    documentTitle: 'Messages',
  },
});

const PAGE = 50;

/** /console/messages — the office's inbox of job conversations; opening one opens its job. */
export function MessagesInboxPage() {
  const [waitingOnly, setWaitingOnly] = useState(false);
  const [limit, setLimit] = useState(PAGE);
  const inbox = useInbox({ unread: waitingOnly, limit });
  const queryClient = useQueryClient();
  useLiveEvents('/api/events', (event) => {
    if (event.kind === 'job' && MESSAGE_EVENT_TYPES.includes(event.data.type)) void queryClient.invalidateQueries({ queryKey: INBOX_KEY });
  });
  useEffect(() => {
    document.title = t('documentTitle');
  }, []);

  return (
    <div className="stack">
      <PageHeader title={t('title')} subtitle={t('subtitle')} actions={inbox.data && inbox.data.unreadThreads > 0 ? <Badge tone="info">{t('waiting', { count: inbox.data.unreadThreads })}</Badge> : undefined} />
      <div className="messages-inbox__filters">
        <Checkbox
          label={t('waitingOnly')}
          checked={waitingOnly}
          onChange={(event) => {
            setWaitingOnly(event.target.checked);
            setLimit(PAGE);
          }}
        />
      </div>
      {inbox.isPending ? (
        <div className="stack-sm" aria-busy="true">
          <Skeleton height={72} />
          <Skeleton height={72} />
          <Skeleton height={72} />
        </div>
      ) : inbox.isError ? (
        <Alert>
          <div className="row-between">
            <span>{t('failed', { message: inbox.error.message })}</span>
            <Button variant="secondary" size="small" onClick={() => void inbox.refetch()}>
              {t('retry')}
            </Button>
          </div>
        </Alert>
      ) : inbox.data.items.length === 0 ? (
        waitingOnly ? <EmptyState title={t('emptyWaitingTitle')}>{t('emptyWaitingBody')}</EmptyState> : <EmptyState title={t('emptyTitle')}>{t('emptyBody')}</EmptyState>
      ) : (
        <>
          <ul className="messages-inbox__list">
            {inbox.data.items.map((item) => (
              <li key={item.jobId}>
                <Link href={`/console/jobs/${item.jobId}`} className={`messages-inbox__row ${item.unreadCount > 0 ? 'messages-inbox__row--unread' : ''}`}>
                  <span className="messages-inbox__title">
                    <span>{item.customerName}</span>
                    <span className="small muted">
                      {item.reference} · {item.category}
                    </span>
                    <Badge tone={statusTone(item.status)}>{statusLabel(item.status)}</Badge>
                    {item.unreadCount > 0 && <Badge tone="info">{t('newCount', { count: item.unreadCount })}</Badge>}
                  </span>
                  <span className="messages-inbox__time small muted">{formatDateTime(item.lastMessage.at)}</span>
                  <p className="messages-inbox__preview muted">
                    {t('preview', { name: item.lastMessage.author.kind === 'staff' ? t('you') : item.lastMessage.author.name, text: item.lastMessage.text })}
                  </p>
                </Link>
              </li>
            ))}
          </ul>
          {inbox.data.hasMore && (
            <div>
              <Button variant="secondary" onClick={() => setLimit((n) => Math.min(n + PAGE, 100))} loading={inbox.isFetching} disabled={limit >= 100}>
                {t('more')}
              </Button>
            </div>
          )}
        </>
      )}
    </div>
  );
}
