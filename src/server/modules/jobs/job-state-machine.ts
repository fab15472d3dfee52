import { AppError } from '../../lib/errors.js';

/**
 * The job's life, in one place. Every status change in Arrivo goes through `assertTransition`,
 * so the rules below are the whole truth about which step may follow which.
 */
export const JOB_STATUSES = ['created', 'scheduled', 'en_route', 'in_progress', 'paused', 'rescheduled', 'completed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export type JobAction = 'schedule' | 'reschedule' | 'reassign' | 'set_out' | 'start' | 'pause' | 'resume' | 'complete' | 'cancel';

/** For each action: the statuses it may start from, and the status it leads to. */
const TRANSITIONS: Record<JobAction, { from: readonly JobStatus[]; to: JobStatus | 'same' }> = {
  schedule: { from: ['created'], to: 'scheduled' },
  // Moving a visit before it starts, or booking the follow-up visit of a paused job.
  reschedule: { from: ['scheduled', 'rescheduled', 'en_route', 'paused'], to: 'rescheduled' },
  // Another technician for the same window: the status stays, the timeline records it.
  reassign: { from: ['scheduled', 'rescheduled'], to: 'same' },
  set_out: { from: ['scheduled', 'rescheduled'], to: 'en_route' },
  start: { from: ['en_route'], to: 'in_progress' },
  pause: { from: ['in_progress'], to: 'paused' },
  resume: { from: ['paused'], to: 'in_progress' },
  complete: { from: ['in_progress', 'paused'], to: 'completed' },
  cancel: { from: ['created', 'scheduled', 'rescheduled', 'en_route', 'paused'], to: 'cancelled' },
};

export const TERMINAL_STATUSES: readonly JobStatus[] = ['completed', 'cancelled'];
/** Statuses in which the job has a visit booked that has not begun. */
export const AWAITING_VISIT_STATUSES: readonly JobStatus[] = ['scheduled', 'rescheduled', 'en_route'];

/** The technician is driving to the visit: their location is shared and "running late" may be recorded. */
export const TRAVELLING_STATUSES: readonly JobStatus[] = ['en_route'];

/** Statuses in which the SLA clock still runs: the technician has not started work yet. */
export const SLA_RUNNING_STATUSES: readonly JobStatus[] = ['created', 'scheduled', 'rescheduled', 'en_route'];

export const isTerminal = (status: JobStatus) => TERMINAL_STATUSES.includes(status);

export function canTransition(status: JobStatus, action: JobAction): boolean {
  return TRANSITIONS[action].from.includes(status);
}

/** Returns the status `action` leads to from `status`, or throws 409 naming the current state. */
export function assertTransition(status: JobStatus, action: JobAction): JobStatus {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(status)) {
    throw new AppError(409, 'INVALID_TRANSITION', `Cannot ${action.replace('_', ' ')} a job that is ${status.replace('_', ' ')}.`, {
      currentStatus: status,
      action,
      allowedFrom: rule.from,
    });
  }
  return rule.to === 'same' ? status : rule.to;
}

/** The actions possible from a status, for screens that show only the buttons that work. */
export function availableActions(status: JobStatus): JobAction[] {
  return (Object.keys(TRANSITIONS) as JobAction[]).filter((action) => canTransition(status, action));
}
