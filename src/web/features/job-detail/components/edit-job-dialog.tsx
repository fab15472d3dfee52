import { useState, type FormEvent } from 'react';
import { Alert, Button, Dialog, Field, Select, TextArea, useToast } from '../../../components/ui/index.js';
import type { Priority, StaffJob } from '../../../lib/api-types.js';
import { fieldMessage, formErrors } from '../../../lib/form-errors.js';
import { formatMinutes } from '../../../lib/format.js';
import { PRIORITY_LIST, priorityLabel } from '../../../lib/job-status.js';
import { useCategories } from '../api/get-categories.js';
import { useUpdateJob } from '../api/update-job.js';
import { t } from './messages.js';

/** Triage: priority, category and description. */
export function EditJobDialog({ job, onClose }: { job: StaffJob; onClose(): void }) {
  const toast = useToast();
  const categories = useCategories();
  const [priority, setPriority] = useState<Priority>(job.priority);
  const [categoryId, setCategoryId] = useState(job.category.id);
  const [description, setDescription] = useState(job.description);
  const update = useUpdateJob(job.id);
  const errors = formErrors(update.error, ['priority', 'categoryId', 'description']);
  const category = categories.data?.items.find((c) => c.id === categoryId);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      { priority, categoryId, description },
      {
        onSuccess: () => {
          toast.show(t('saved'));
          onClose();
        },
      },
    );
  };

  return (
    <Dialog open title={t('editTitle')} onClose={onClose}>
      <form className="stack" onSubmit={submit} noValidate>
        {errors.message && <Alert>{errors.message}</Alert>}
        <Field label={t('category')} error={fieldMessage(t('category'), errors.fields.categoryId)}>
          <Select value={categoryId} onChange={(e) => setCategoryId(e.target.value)}>
            {(categories.data?.items ?? [{ id: job.category.id, name: job.category.name, active: true }]).filter((c) => c.active || c.id === job.category.id).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('priority')} hint={category ? t('slaFor', { time: formatMinutes(category.slaMinutes[priority]) }) : undefined} error={fieldMessage(t('priority'), errors.fields.priority)}>
          <Select value={priority} onChange={(e) => setPriority(e.target.value as Priority)}>
            {PRIORITY_LIST.map((p) => (
              <option key={p} value={p}>
                {priorityLabel(p)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('description')} error={fieldMessage(t('description'), errors.fields.description)}>
          <TextArea required maxLength={5000} value={description} onChange={(e) => setDescription(e.target.value)} />
        </Field>
        <div className="ui-dialog__actions">
          <Button variant="secondary" onClick={onClose}>
            {t('close')}
          </Button>
          <Button type="submit" loading={update.isPending}>
            {t('save')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
