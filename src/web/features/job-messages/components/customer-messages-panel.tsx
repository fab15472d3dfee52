import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, CardHeader, Skeleton } from '../../../components/ui/index.js';
import { defineMessages } from '../../../lib/i18n.js';
import { useLiveEvents } from '../../../lib/live-events.js';
import { customerMessagesQuery, useCustomerMessages } from '../api/get-customer-messages.js';
import { useSendCustomerMessage } from '../api/send-customer-message.js';
import { MESSAGE_EVENT_TYPES } from '../api/types.js';
import { MessageComposer, MessageList } from './message-thread.js';

const t = defineMessages({
  en: {
    title: 'Messages',
    intro: 'Questions about this job? Write to {company} here; the team is notified and you will get their reply by email and on this page.',
    label: 'Conversation with {company}',
    empty: 'No messages yet.',
    write: 'Your message',
    send: 'Send message',
    failed: 'Messages could not be loaded.',
    retry: 'Try again',
  },
});

/**
 * The job page's conversation with the company, for whoever opened the job (job link or signed-in
 * contact). New messages from the team arrive live on the job page's own stream.
 */
export function CustomerMessagesPanel({ jobId, companyName }: { jobId: string; companyName: string }) {
  const thread = useCustomerMessages(jobId);
  const send = useSendCustomerMessage(jobId);
  const queryClient = useQueryClient();
  useLiveEvents(`/api/portal/jobs/${jobId}/events`, (event) => {
    if (event.kind === 'job' && MESSAGE_EVENT_TYPES.includes(event.data.type)) void queryClient.invalidateQueries({ queryKey: customerMessagesQuery(jobId).queryKey });
  });

  return (
    <Card as="section" aria-labelledby="job-messages-title">
      <CardHeader title={<span id="job-messages-title">{t('title')}</span>} />
      <p className="job-messages__intro muted">{t('intro', { company: companyName })}</p>
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
        <MessageList messages={thread.data.items} label={t('label', { company: companyName })} emptyText={t('empty')} />
      )}
      <MessageComposer label={t('write')} submitLabel={t('send')} pending={send.isPending} error={send.error} onSend={(text, done) => send.mutate(text, { onSuccess: done })} />
    </Card>
  );
}
