import { useState, type FormEvent } from 'react';
import { Alert, Button, Dialog, Field, TextArea, useToast } from '../../../components/ui/index.js';
import { ApiError } from '../../../lib/api-client.js';
import type { StaffJob } from '../../../lib/api-types.js';
import { fieldMessage, formErrors } from '../../../lib/form-errors.js';
import { useCancelJob } from '../api/cancel-job.js';
import { t } from './messages.js';

/** Cancelling needs a reason: the customer reads it. */
export function CancelDialog({ job, onClose }: { job: StaffJob; onClose(): void }) {
  const toast = useToast();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const cancel = useCancelJob(job.id);
  const errors = formErrors(cancel.error, ['reason']);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    cancel.mutate(reason.trim(), {
      onSuccess: () => {
        toast.show(t('cancelled'));
        onClose();
      },
      onError: (error) => error instanceof ApiError && error.status === 409 && onClose(),
    });
  };

  return (
    <Dialog open title={t('cancelTitle')} onClose={onClose}>
      <form className="stack" onSubmit={submit} noValidate>
        <p>{t('cancelBody')}</p>
        {errors.message && !(cancel.error instanceof ApiError && cancel.error.status === 409) && <Alert>{errors.message}</Alert>}
        <Field label={t('cancelReason')} error={missing && !reason.trim() ? fieldMessage(t('cancelReason'), 'is required') : fieldMessage(t('cancelReason'), errors.fields.reason)}>
          <TextArea required maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <div className="ui-dialog__actions">
          <Button variant="secondary" onClick={onClose}>
            {t('keepJob')}
          </Button>
          <Button type="submit" variant="danger" loading={cancel.isPending}>
            {t('confirmCancel')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
