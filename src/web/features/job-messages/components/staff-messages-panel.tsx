import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Alert, Badge, Button, Card, CardHeader, Skeleton } from '../../../components/ui/index.js';
import { ApiError } from '../../../lib/api-client.js';
import { defineMessages } from '../../../lib/i18n.js';
import { useLiveEvents } from '../../../lib/live-events.js';
import { INBOX_KEY } from '../api/get-inbox.js';
import { staffMessagesQuery, useStaffMessages } from '../api/get-staff-messages.js';
import { useMarkThreadRead } from '../api/mark-thread-read.js';
import { useSendStaffMessage } from '../api/send-staff-message.js';
import { MESSAGE_EVENT_TYPES } from '../api/types.js';
import { MessageComposer, MessageList } from './message-thread.js';

const t = defineMessages({
  en: {
    title: 'Messages with the customer',
    label: 'Conversation with the customer',
    empty: 'No messages yet. The customer can write from their job page; you can write first too.',
    write: 'Reply to the customer',
    send: 'Send reply',
    hint: 'The customer sees this on their job page and is notified by email or text.',
    unread: '{count} new',
    failed: 'Messages could not be loaded.',
    retry: 'Try again',
  },
});

/**
 * The company's side of a job's conversation. In the console (`office`), opening it marks the
 * customer's messages read for the office, and ones that arrive while it is open are marked read
 * too. A technician's view passes its own stream and `office={false}`: a technician reading does
 * not clear the office's inbox, and on a job whose current visit is not theirs the panel hides.
 */
export function StaffMessagesPanel({ jobId, streamUrl = '/api/events', office = true }: { jobId: string; streamUrl?: string; office?: boolean }) {
  const thread = useStaffMessages(jobId);
  const send = useSendStaffMessage(jobId);
  const markRead = useMarkThreadRead(jobId);
  const queryClient = useQueryClient();
  useLiveEvents(streamUrl, (event) => {
    if (event.kind !== 'job' || !MESSAGE_EVENT_TYPES.includes(event.data.type)) return;
    void queryClient.invalidateQueries({ queryKey: INBOX_KEY });
    if (event.data.jobId === jobId) void queryClient.invalidateQueries({ queryKey: staffMessagesQuery(jobId).queryKey });
  });

  const unread = thread.data?.unreadCount ?? 0;
  const { mutate: markReadNow } = markRead;
  // Once per load of the thread, so a refused mark (a lost connection) is not retried in a loop.
  const markedFor = useRef(0);
  useEffect(() => {
    if (!office || unread === 0 || markedFor.current === thread.dataUpdatedAt) return;
    markedFor.current = thread.dataUpdatedAt;
    markReadNow();
  }, [office, unread, thread.dataUpdatedAt, markReadNow]);

  if (thread.error instanceof ApiError && thread.error.status === 404) return null;

  return (
    <Card as="section" aria-labelledby="job-messages-title">
      <CardHeader title={<span id="job-messages-title">{t('title')}</span>} actions={office && unread > 0 ? <Badge tone="info">{t('unread', { count: unread })}</Badge> : undefined} />
      {thread.isPending ? (
        <Skeleton height={64} />
      ) : thread.isError ? (
        <Alert>
          <div className="row-between">
            <span>{t('failed')}</span>
            <Button variant="secondary" size="small" onClick={() => void thread.refetch()}>
              {t('retry')}
            </Button>
          </div>
        </Alert>
      ) : (
        <MessageList messages={thread.data.items} label={t('label')} emptyText={t('empty')} />
      )}
      <MessageComposer keyboardHint label={t('write')} submitLabel={t('send')} pending={send.isPending} error={send.error} onSend={(text, done) => send.mutate(text, { onSuccess: done })} />
      <p className="small muted">{t('hint')}</p>
    </Card>
  );
}
