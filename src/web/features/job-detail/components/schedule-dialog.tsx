import { useQueries } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { Alert, Button, Dialog, Field, Select, TextInput, useToast } from '../../../components/ui/index.js';
import { ApiError } from '../../../lib/api-client.js';
import type { StaffJob } from '../../../lib/api-types.js';
import { useBrand } from '../../../lib/brand.js';
import { fieldMessage, formErrors } from '../../../lib/form-errors.js';
import { dateKey, formatWindow, zonedTime, zonedToIso } from '../../../lib/format.js';
import type { StaffWindow } from '../api/get-availability.js';
import { useCategories } from '../api/get-categories.js';
import { jobQuery } from '../api/get-job.js';
import { useTechnicians } from '../api/get-technicians.js';
import { useReassignJob, type ReassignInput } from '../api/reassign-job.js';
import { useRescheduleJob, type RescheduleInput } from '../api/reschedule-job.js';
import { useScheduleJob, type ScheduleInput } from '../api/schedule-job.js';
import { t } from './messages.js';
import { SuggestedWindows } from './suggested-windows.js';
import { RulesSuggestion } from './rules-suggestion.js';

export type ScheduleMode = 'schedule' | 'reschedule' | 'reassign';

const TITLES = { schedule: 'scheduleTitle', reschedule: 'rescheduleTitle', reassign: 'reassignTitle' } as const;
const DONE = { schedule: 'scheduled', reschedule: 'rescheduled', reassign: 'reassigned' } as const;

/** The job changed under us (someone else moved it): the dialog closes and the page shows it as it is now. */
const isConflict = (error: unknown) => error instanceof ApiError && error.status === 409 && error.code !== 'TECHNICIAN_BUSY';

interface VisitInTheWay {
  appointmentId: string;
  jobId: string;
  windowStart: string;
  windowEnd: string;
}

/** 409 TECHNICIAN_BUSY: the technician's other visits leave no room; `details.conflicts` names them. */
function busyConflicts(error: unknown): VisitInTheWay[] | undefined {
  if (!(error instanceof ApiError) || error.code !== 'TECHNICIAN_BUSY') return undefined;
  const conflicts = error.details?.conflicts;
  return Array.isArray(conflicts) ? (conflicts as VisitInTheWay[]) : [];
}

type Sent = { mode: 'schedule'; input: ScheduleInput } | { mode: 'reschedule'; input: RescheduleInput } | { mode: 'reassign'; input: ReassignInput };

/** The instant of a date and time being typed, or null while they are incomplete. */
function safeIso(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  try {
    return zonedToIso(date, time);
  } catch {
    return null;
  }
}

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
  const [sent, setSent] = useState<Sent>();
  const [picked, setPicked] = useState<string>();
  const busy = busyConflicts(mutation.error);

  /** A field changed: a TECHNICIAN_BUSY answer was about the old choice, so it goes away. */
  const edit =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setPicked(undefined);
      if (busy) mutation.reset();
    };

  const pick = (window: StaffWindow) => {
    setTechnicianId(window.suggested.id);
    setDate(window.date);
    setStart(zonedTime(window.start));
    setEnd(zonedTime(window.end));
    setPicked(window.start);
    if (busy) mutation.reset();
  };

  const required = categories.data?.items.find((c) => c.id === job.category.id)?.requiredSkills ?? [];
  const chosen = technicians.data?.items.find((tech) => tech.id === technicianId);
  const missing = chosen ? required.filter((skill) => !chosen.skills.includes(skill)) : [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (mode === 'reassign') return send({ mode, input: { technicianId } });
    const window = { windowStart: zonedToIso(date, start), windowEnd: zonedToIso(date, end) };
    if (mode === 'schedule') send({ mode, input: { technicianId, ...window } });
    else send({ mode, input: { ...window, technicianId: technicianId || undefined, reason: reason.trim() || undefined } });
  };

  function send(request: Sent) {
    setSent(request);
    const done = () => {
      toast.show(t(DONE[mode]));
      onClose();
    };
    // A conflict means the job changed under us: the toast says so and the page shows it as it is now.
    const conflictCloses = { onSuccess: done, onError: (e: Error) => isConflict(e) && onClose() };
    if (request.mode === 'schedule') schedule.mutate(request.input, conflictCloses);
    else if (request.mode === 'reschedule') reschedule.mutate(request.input, conflictCloses);
    else reassign.mutate(request.input, conflictCloses);
  }

  /** The dispatcher's knowing override: the same request again, with allowOverlap. */
  const bookAnyway = () => {
    if (!sent) return;
    if (sent.mode === 'schedule') send({ mode: sent.mode, input: { ...sent.input, allowOverlap: true } });
    else if (sent.mode === 'reschedule') send({ mode: sent.mode, input: { ...sent.input, allowOverlap: true } });
    else send({ mode: sent.mode, input: { ...sent.input, allowOverlap: true } });
  };

  return (
    <Dialog open title={t(TITLES[mode])} onClose={onClose}>
      <form className="stack job-detail__schedule-form" onSubmit={submit} noValidate>
        {mode !== 'reassign' && <SuggestedWindows job={job} moving={mode === 'reschedule'} selectedStart={picked} onPick={pick} />}
        {mode !== 'reassign' && <h3 className="job-detail__subtitle">{t('manualEntry')}</h3>}
        {errors.message && !isConflict(mutation.error) && !busy && <Alert>{errors.message}</Alert>}
        <Field
          label={t('technician')}
          hint={required.length > 0 ? t('needsSkills', { skills: required.join(', ') }) : undefined}
          error={fieldMessage(t('technician'), errors.fields.technicianId) ?? (missing.length > 0 ? t('missingSkills', { name: chosen!.name, skills: missing.join(', ') }) : undefined)}
        >
          <Select required value={technicianId} onChange={(e) => edit(setTechnicianId)(e.target.value)}>
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
        <RulesSuggestion jobId={job.id} windowStart={mode === 'reassign' ? (current?.windowStart ?? null) : safeIso(date, start)} windowEnd={mode === 'reassign' ? (current?.windowEnd ?? null) : safeIso(date, end)} technicianId={technicianId} onChoose={edit(setTechnicianId)} />
        {mode !== 'reassign' && (
          <>
            <Field label={t('date')} hint={t('timeZoneHint', { zone: brand?.timezone ?? '' })}>
              <TextInput type="date" required value={date} onChange={(e) => edit(setDate)(e.target.value)} />
            </Field>
            <div className="job-detail__times">
              <Field label={t('windowStart')} error={fieldMessage(t('windowStart'), errors.fields.windowStart)}>
                <TextInput type="time" required step={900} value={start} onChange={(e) => edit(setStart)(e.target.value)} />
              </Field>
              <Field label={t('windowEnd')} error={fieldMessage(t('windowEnd'), errors.fields.windowEnd)}>
                <TextInput type="time" required step={900} value={end} onChange={(e) => edit(setEnd)(e.target.value)} />
              </Field>
            </div>
          </>
        )}
        {mode === 'reschedule' && (
          <Field label={t('reason')} hint={t('reasonHint')} error={fieldMessage(t('reason'), errors.fields.reason)}>
            <TextInput value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
          </Field>
        )}
        {busy && <TechnicianBusy conflicts={busy} name={technicians.data?.items.find((tech) => tech.id === sent?.input.technicianId)?.name} onBookAnyway={bookAnyway} pending={mutation.isPending} />}
        <div className="ui-dialog__actions">
          <Button variant="secondary" onClick={onClose}>
            {t('close')}
          </Button>
          <Button type="submit" variant={busy ? 'secondary' : 'primary'} loading={mutation.isPending && !sent?.input.allowOverlap} disabled={!technicianId || Boolean(busy)}>
            {t(mode)}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** What stands in the way of a TECHNICIAN_BUSY answer, and the override. */
function TechnicianBusy({ conflicts, name, onBookAnyway, pending }: { conflicts: VisitInTheWay[]; name: string | undefined; onBookAnyway(): void; pending: boolean }) {
  // The answer names jobs by id; their references come from the jobs themselves.
  const jobs = useQueries({ queries: [...new Set(conflicts.map((c) => c.jobId))].map((jobId) => ({ ...jobQuery(jobId), staleTime: 60_000 })) });
  const reference = (jobId: string) => jobs.find((j) => j.data?.id === jobId)?.data?.reference;
  const ref = useRef<HTMLDivElement>(null);
  // The dialog scrolls: bring the answer into view where the person is looking.
  // (A block body: newer browsers return a promise from scrollIntoView, which React would take for a cleanup.)
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  return (
    <div className="job-detail__busy" role="alert" ref={ref}>
      <p className="job-detail__busy-title">{name ? t('busyTitle', { name }) : t('busyTitleUnknown')}</p>
      <p>{t('busyBody')}</p>
      <ul>
        {conflicts.map((visit) => {
          const known = reference(visit.jobId);
          const window = formatWindow(visit.windowStart, visit.windowEnd);
          return (
            <li key={visit.appointmentId}>
              <Link href={`/console/jobs/${visit.jobId}`}>{known ? t('busyVisit', { reference: known, window }) : t('busyVisitUnknown', { window })}</Link>
            </li>
          );
        })}
      </ul>
      <p className="small">{t('busyHint')}</p>
      <div>
        <Button variant="danger" onClick={onBookAnyway} loading={pending}>
          {t('bookAnyway')}
        </Button>
      </div>
    </div>
  );
}
