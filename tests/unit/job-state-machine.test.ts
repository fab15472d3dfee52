import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/server/lib/errors.js';
import { assertTransition, availableActions, JOB_STATUSES, type JobAction, type JobStatus } from '../../src/server/modules/jobs/job-state-machine.js';

describe('the job state machine', () => {
  const path: [JobStatus, JobAction, JobStatus][] = [
    ['created', 'schedule', 'scheduled'],
    ['scheduled', 'set_out', 'en_route'],
    ['en_route', 'start', 'in_progress'],
    ['in_progress', 'pause', 'paused'],
    ['paused', 'reschedule', 'rescheduled'],
    ['rescheduled', 'set_out', 'en_route'],
    ['paused', 'resume', 'in_progress'],
    ['in_progress', 'complete', 'completed'],
    ['paused', 'complete', 'completed'],
    ['scheduled', 'reschedule', 'rescheduled'],
    ['en_route', 'reschedule', 'rescheduled'],
    ['scheduled', 'reassign', 'scheduled'],
    ['created', 'cancel', 'cancelled'],
    ['paused', 'cancel', 'cancelled'],
  ];

  it.each(path)('%s --%s--> %s', (from, action, to) => {
    expect(assertTransition(from, action)).toBe(to);
  });

  it('refuses every other move with a 409 that names the current state', () => {
    const actions: JobAction[] = ['schedule', 'reschedule', 'reassign', 'set_out', 'start', 'pause', 'resume', 'complete', 'cancel'];
    let refused = 0;
    for (const status of JOB_STATUSES) {
      for (const action of actions) {
        if (availableActions(status).includes(action)) continue;
        refused++;
        try {
          assertTransition(status, action);
          expect.unreachable(`${status} --${action}--> should be refused`);
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
          expect((error as AppError).statusCode).toBe(409);
          expect((error as AppError).details).toMatchObject({ currentStatus: status, action });
          expect((error as AppError).message).toContain(status.replace('_', ' '));
        }
      }
    }
    expect(refused).toBeGreaterThan(40);
  });

  it('ends in completed or cancelled, from which nothing moves', () => {
    expect(availableActions('completed')).toEqual([]);
    expect(availableActions('cancelled')).toEqual([]);
  });

  it('never cancels work in progress: pause or complete it first', () => {
    expect(availableActions('in_progress')).not.toContain('cancel');
  });
});
