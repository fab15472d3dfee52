import { useState, type FormEvent } from 'react';
import { Alert, Button, Dialog, Field, Select, TextInput, useToast } from '../../../components/ui/index.js';
import { ApiError } from '../../../lib/api-client.js';
import type { StaffJob } from '../../../lib/api-types.js';
import { useBrand } from '../../../lib/brand.js';
import { fieldMessage, formErrors } from '../../../lib/form-errors.js';
import { dateKey, zonedTime, zonedToIso } from '../../../lib/format.js';
import { useCategories } from '../api/get-categories.js';
import { useTechnicians } from '../api/get-technicians.js';
import { useReassignJob } from '../api/reassign-job.js';
import { useRescheduleJob } from '../api/reschedule-job.js';
import { useScheduleJob } from '../api/schedule-job.js';
import { t } from './messages.js';

export type ScheduleMode = 'schedule' | 'reschedule' | 'reassign';

const TITLES = { schedule: 'scheduleTitle', reschedule: 'rescheduleTitle', reassign: 'reassignTitle' } as const;
const DONE = { schedule: 'scheduled', reschedule: 'rescheduled', reassign: 'reassigned' } as const;

const isConflict = (error: unknown) => error instanceof ApiError && error.status === 409;

function tomorrow(): string {
  return dateKey(new Date(Date.now() + 24 * 3600_000));
}

/** Books, moves or hands over the job's visit: a technician (with their skills shown) and a window in the company's time zone. */
export function ScheduleDialog({ job, mode, onClose }: { job: StaffJob; mode: ScheduleMode; onClose(): void }) {
  const toast = useToast();
  const brand = useBrand();
  const technicians = useTechnicians();
  const categories = useCategories();
  const current = job.appointment;
  const [technicianId, setTechnicianId] = useState(current?.technician?.id ?? '');
  const [date, setDate] = useState(current ? dateKey(current.windowStart) : tomorrow());
  const [start, setStart] = useState(current ? zonedTime(current.windowStart) : '08:00');
  const [end, setEnd] = useState(current ? zonedTime(current.windowEnd) : '10:00');
  const [reason, setReason] = useState('');
  const schedule = useScheduleJob(job.id);
  const reschedule = useRescheduleJob(job.id);
  const reassign = useReassignJob(job.id);
  const mutation = mode === 'schedule' ? schedule : mode === 'reschedule' ? reschedule : reassign;
  const errors = formErrors(mutation.error, ['technicianId', 'windowStart', 'windowEnd', 'reason']);

  const required = categories.data?.items.find((c) => c.id === job.category.id)?.requiredSkills ?? [];
  const chosen = technicians.data?.items.find((tech) => tech.id === technicianId);
  const missing = chosen ? required.filter((skill) => !chosen.skills.includes(skill)) : [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const done = () => {
      toast.show(t(DONE[mode]));
      onClose();
    };
    // A conflict means the job changed under us: the toast says so and the page shows it as it is now.
    const conflictCloses = { onSuccess: done, onError: (e: Error) => isConflict(e) && onClose() };
    if (mode === 'reassign') {
      reassign.mutate(technicianId, conflictCloses);
      return;
    }
    const window = { windowStart: zonedToIso(date, start), windowEnd: zonedToIso(date, end) };
    if (mode === 'schedule') schedule.mutate({ technicianId, ...window }, conflictCloses);
    else reschedule.mutate({ ...window, technicianId: technicianId || undefined, reason: reason.trim() || undefined }, conflictCloses);
  };

  return (
    <Dialog open title={t(TITLES[mode])} onClose={onClose}>
      <form className="stack" onSubmit={submit} noValidate>
        {errors.message && !isConflict(mutation.error) && <Alert>{errors.message}</Alert>}
        <Field
          label={t('technician')}
          hint={required.length > 0 ? t('needsSkills', { skills: required.join(', ') }) : undefined}
          error={fieldMessage(t('technician'), errors.fields.technicianId) ?? (missing.length > 0 ? t('missingSkills', { name: chosen!.name, skills: missing.join(', ') }) : undefined)}
        >
          <Select required value={technicianId} onChange={(e) => setTechnicianId(e.target.value)}>
            <option value="" disabled>
              {t('chooseTechnician')}
            </option>
            {technicians.data?.items
              .filter((tech) => tech.active)
              .map((tech) => (
                <option key={tech.id} value={tech.id}>
                  {t('technicianOption', { name: tech.name, skills: tech.skills.join(', ') || t('noSkills') })}
                </option>
              ))}
          </Select>
        </Field>
        {chosen && required.length > 0 && missing.length === 0 && <p className="small job-detail__ok">{t('hasSkills', { name: chosen.name })}</p>}
        {mode !== 'reassign' && (
          <>
            <Field label={t('date')} hint={t('timeZoneHint', { zone: brand?.timezone ?? '' })}>
              <TextInput type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
            </Field>
            <div className="job-detail__times">
              <Field label={t('windowStart')} error={fieldMessage(t('windowStart'), errors.fields.windowStart)}>
                <TextInput type="time" required step={900} value={start} onChange={(e) => setStart(e.target.value)} />
              </Field>
              <Field label={t('windowEnd')} error={fieldMessage(t('windowEnd'), errors.fields.windowEnd)}>
                <TextInput type="time" required step={900} value={end} onChange={(e) => setEnd(e.target.value)} />
              </Field>
            </div>
          </>
        )}
        {mode === 'reschedule' && (
          <Field label={t('reason')} hint={t('reasonHint')} error={fieldMessage(t('reason'), errors.fields.reason)}>
            <TextInput value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
          </Field>
        )}
        <div className="ui-dialog__actions">
          <Button variant="secondary" onClick={onClose}>
            {t('close')}
          </Button>
          <Button type="submit" loading={mutation.isPending} disabled={!technicianId}>
            {t(mode)}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
