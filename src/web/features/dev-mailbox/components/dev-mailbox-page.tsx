import { Fragment, type ReactNode } from 'react';
import { Alert, Badge, Card, EmptyState, PageHeader, Skeleton } from '../../../components/ui/index.js';
import { ApiError } from '../../../lib/api-client.js';
import { formatDateTime } from '../../../lib/format.js';
import { defineMessages } from '../../../lib/i18n.js';
import { useMailbox, type MailboxMessage } from '../api/get-mailbox.js';
import './dev-mailbox.css';

const t = defineMessages({
  en: {
    title: 'Dev mailbox',
    subtitle: 'This instance has no mail or SMS provider set (SMTP_URL, SMS_URL), so what it would have sent is kept here instead, newest first. It refreshes by itself.',
    email: 'E-mail',
    sms: 'SMS',
    to: 'To {to}',
    smsTo: 'Text message to {to}',
    noSubject: '(no subject)',
    emptyTitle: 'Nothing sent yet',
    emptyBody: 'Schedule a job, send a job link or let a customer add a note: the messages it sends appear here.',
    off: 'Mail and SMS go to real providers on this instance, so there is no dev mailbox.',
    error: 'The mailbox could not be loaded. {message}',
    count: '{count} messages',
  },
});

const URL_PATTERN = /(https?:\/\/[^\s<>"')]+)/g;

/** The message text with its addresses turned into links, so a job or sign-in link can be followed from here. */
function linkify(text: string): ReactNode[] {
  return text.split(URL_PATTERN).map((part, index) =>
    index % 2 === 1 ? (
      <a key={index} href={part} target="_blank" rel="noreferrer">
        {part}
      </a>
    ) : (
      <Fragment key={index}>{part}</Fragment>
    ),
  );
}

/** What would have gone out by e-mail or SMS, for development and demos without a provider. */
export function DevMailboxPage() {
  const mailbox = useMailbox();
  const off = mailbox.error instanceof ApiError && mailbox.error.status === 404;
  const items = mailbox.data ? [...mailbox.data.items].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.id - a.id)) : [];

  return (
    <div className="dev-mailbox">
      <PageHeader title={t('title')} subtitle={t('subtitle')} actions={mailbox.data && <span className="small muted">{t('count', { count: items.length })}</span>} />
      {off ? (
        <Alert tone="info">{t('off')}</Alert>
      ) : mailbox.isError ? (
        <Alert>{t('error', { message: mailbox.error.message })}</Alert>
      ) : mailbox.isPending ? (
        <div className="stack">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} height={140} />
          ))}
        </div>
      ) : items.length === 0 ? (
        <Card>
          <EmptyState title={t('emptyTitle')}>{t('emptyBody')}</EmptyState>
        </Card>
      ) : (
        <ol className="dev-mailbox__list">
          {items.map((message) => (
            <MessageCard key={message.id} message={message} />
          ))}
        </ol>
      )}
    </div>
  );
}

function MessageCard({ message }: { message: MailboxMessage }) {
  const headingId = `mail-${message.id}`;
  return (
    <li>
      <Card as="article" aria-labelledby={headingId} className="dev-mailbox__message">
        <div className="dev-mailbox__head">
          <Badge tone={message.channel === 'email' ? 'info' : 'success'}>{message.channel === 'email' ? t('email') : t('sms')}</Badge>
          <h2 id={headingId}>{message.subject ?? (message.channel === 'sms' ? t('smsTo', { to: message.to }) : t('noSubject'))}</h2>
          <time className="small muted" dateTime={message.at}>
            {formatDateTime(message.at)}
          </time>
        </div>
        {message.channel === 'email' && <p className="small muted">{t('to', { to: message.to })}</p>}
        <div className="dev-mailbox__text">{linkify(message.text)}</div>
      </Card>
    </li>
  );
}
