import type { JobStatus, TechnicianAppointment } from '../../../lib/api-types.js';
import { formatTime } from '../../../lib/format.js';
import { defineMessages } from '../../../lib/i18n.js';
import type { Step } from '../api/take-step.js';

const t = defineMessages({
  en: {
    'on-my-way': 'On my way',
    start: 'Start',
    pause: 'Pause',
    resume: 'Resume',
    complete: 'Complete',
  },
});

/** The technician's steps in the order a visit goes through them; the first one possible is the main button. */
const STEPS: readonly { step: Step; action: string }[] = [
  { step: 'on-my-way', action: 'set_out' },
  { step: 'start', action: 'start' },
  { step: 'resume', action: 'resume' },
  { step: 'pause', action: 'pause' },
  { step: 'complete', action: 'complete' },
];

export const stepLabel = (step: Step) => t(step);

/** The steps the technician can take now, as the API's state machine allows them. */
export const availableSteps = (visit: TechnicianAppointment): Step[] => STEPS.filter(({ action }) => visit.availableActions.includes(action)).map(({ step }) => step);

/** The visit's own state (a rescheduled job's new visit is simply "scheduled" for the technician). */
export const visitState = (visit: TechnicianAppointment): JobStatus => visit.status as JobStatus;

const CURRENT: readonly string[] = ['en_route', 'in_progress', 'paused'];
export const isCurrent = (visit: TechnicianAppointment) => CURRENT.includes(visit.status);
export const isDone = (visit: TechnicianAppointment) => !isCurrent(visit) && availableSteps(visit).length === 0;

/** The day as a technician works it: what is under way first, then what is next by window, then what is done. */
export function orderDay(items: readonly TechnicianAppointment[]): TechnicianAppointment[] {
  const rank = (visit: TechnicianAppointment) => (isCurrent(visit) ? 0 : isDone(visit) ? 2 : 1);
  return [...items].sort((a, b) => rank(a) - rank(b) || a.windowStart.localeCompare(b.windowStart));
}

/** "8:00 AM – 10:00 AM" */
export const formatTimes = (visit: TechnicianAppointment) => `${formatTime(visit.windowStart)} – ${formatTime(visit.windowEnd)}`;

/** A photo or file of the job, as the technician may fetch it. */
export const attachmentUrl = (jobId: string, attachmentId: string) => `/api/jobs/${encodeURIComponent(jobId)}/attachments/${encodeURIComponent(attachmentId)}`;

/** Calendar arithmetic on YYYY-MM-DD, free of time zones. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}
