import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Alert, Button, Field, TextArea } from '../../../components/ui/index.js';
import { formatDateTime } from '../../../lib/format.js';
import { fieldMessage, formErrors } from '../../../lib/form-errors.js';
import { defineMessages } from '../../../lib/i18n.js';
import { MESSAGE_MAX_LENGTH, type Message } from '../api/types.js';
import './job-messages.css';

const t = defineMessages({
  en: {
    you: 'You',
    sentBy: '{name}, {time}',
    required: 'Write your message first.',
    tooLong: 'Keep it under {max} characters.',
    remaining: '{count} characters left',
    sendHint: 'Ctrl+Enter sends.',
  },
});

/**
 * A conversation, oldest first, the caller's own messages on the right. A log region: screen
 * readers announce messages that arrive while it is shown.
 */
export function MessageList({ messages, label, emptyText }: { messages: Message[]; label: string; emptyText: string }) {
  const end = useRef<HTMLDivElement>(null);
  const count = messages.length;
  useEffect(() => {
    // Keep the newest message in view inside the list, without scrolling the whole page.
    const list = end.current?.parentElement;
    if (list) list.scrollTop = list.scrollHeight;
  }, [count]);

  if (count === 0) return <p className="job-messages__empty muted">{emptyText}</p>;
  return (
    <div className="job-messages__list" role="log" aria-label={label} aria-live="polite" tabIndex={0}>
      <ol className="job-messages__items">
        {messages.map((message) => (
          <li key={message.id} className={`job-messages__item ${message.mine ? 'job-messages__item--mine' : ''} job-messages__item--${message.author.kind}`}>
            <p className="job-messages__bubble">{message.text}</p>
            <p className="job-messages__meta small muted">
              {t('sentBy', { name: message.mine ? t('you') : message.author.name, time: formatDateTime(message.createdAt) })}
            </p>
          </li>
        ))}
      </ol>
      <div ref={end} />
    </div>
  );
}

/** The box to write a message; the API's 400 on `text` shows next to it. */
export function MessageComposer({ label, submitLabel, pending, error, onSend, keyboardHint = false }: { label: string; submitLabel: string; pending: boolean; error: unknown; onSend: (text: string, done: () => void) => void; keyboardHint?: boolean }) {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string>();
  const server = formErrors(error, ['text']);
  const remaining = MESSAGE_MAX_LENGTH - text.length;

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (pending) return;
    if (!text.trim()) return setProblem(t('required'));
    if (text.trim().length > MESSAGE_MAX_LENGTH) return setProblem(t('tooLong', { max: MESSAGE_MAX_LENGTH }));
    setProblem(undefined);
    onSend(text.trim(), () => setText(''));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit();
  };

  return (
    <form className="job-messages__composer stack-sm" onSubmit={submit} noValidate>
      {server.message && <Alert>{server.message}</Alert>}
      <Field label={label} hint={remaining < 500 ? t('remaining', { count: Math.max(remaining, 0) }) : keyboardHint ? t('sendHint') : undefined} error={problem ?? fieldMessage(label, server.fields.text)}>
        <TextArea
          value={text}
          rows={3}
          maxLength={MESSAGE_MAX_LENGTH}
          onKeyDown={onKeyDown}
          onChange={(event) => {
            setText(event.target.value);
            if (problem) setProblem(undefined);
          }}
        />
      </Field>
      <div>
        <Button type="submit" loading={pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
