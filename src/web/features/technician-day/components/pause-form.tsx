import { useState, type FormEvent } from 'react';
import { Alert, Button, Field, TextArea } from '../../../components/ui/index.js';
import type { TechnicianAppointment } from '../../../lib/api-types.js';
import { fieldMessage, formErrors } from '../../../lib/form-errors.js';
import { defineMessages } from '../../../lib/i18n.js';
import type { useVisitStep } from '../hooks/use-visit-step.js';

const t = defineMessages({
  en: {
    title: 'Pause the visit',
    message: 'Message to the customer',
    hint: '{customer} sees it on their job page, for example: "Waiting for parts, back Thursday."',
    required: 'is required: tell the customer why the work stops',
    submit: 'Pause visit',
    cancel: 'Cancel',
  },
});

/** Pausing tells the customer why the work stops and what happens next; the message is required. */
export function PauseForm({ visit, steps, onClose }: { visit: TechnicianAppointment; steps: ReturnType<typeof useVisitStep>; onClose(): void }) {
  const [message, setMessage] = useState('');
  const [missing, setMissing] = useState(false);
  const errors = formErrors(steps.error, ['message']);
  const messageError = missing ? fieldMessage(t('message'), t('required')) : fieldMessage(t('message'), errors.fields.message);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!message.trim()) return setMissing(true);
    steps.run({ step: 'pause', message: message.trim() }, onClose);
  };

  return (
    <form className="stack tech-day__form" onSubmit={submit} noValidate aria-labelledby="pause-title">
      <h2 id="pause-title">{t('title')}</h2>
      {errors.message && steps.error && <Alert>{errors.message}</Alert>}
      <Field label={t('message')} hint={t('hint', { customer: visit.customerName })} error={messageError}>
        <TextArea
          rows={4}
          maxLength={1000}
          required
          autoFocus
          value={message}
          onChange={(event) => {
            setMessage(event.target.value);
            setMissing(false);
          }}
        />
      </Field>
      <div className="tech-day__steps tech-day__steps--pair">
        <Button variant="secondary" size="large" onClick={onClose} disabled={steps.pending}>
          {t('cancel')}
        </Button>
        <Button type="submit" size="large" loading={steps.pending}>
          {t('submit')}
        </Button>
      </div>
    </form>
  );
}
