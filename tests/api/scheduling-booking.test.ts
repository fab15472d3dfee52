import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR, MINUTE } from '../../src/server/lib/clock.js';
import type { DomainEvent } from '../../src/server/lib/events.js';
import { createTestApp, TEST_NOW, type TestApp } from '../helpers/test-app.js';
import { createWorld, jobLinkCookie, type World } from '../helpers/world.js';
import { call } from '../helpers/http.js';

/** Local windows in America/Chicago (UTC−6): Wed 14 Jan 08:00–10:00 is 14:00Z–16:00Z. */
const WED_8 = '2026-01-14T14:00:00.000Z';
const WED_10 = '2026-01-14T16:00:00.000Z';
const THU_10 = '2026-01-15T16:00:00.000Z';

describe('self-scheduling: booking, moving and cancelling from the portal, inside the policy', () => {
  let t: TestApp;
  let w: World;
  const events: DomainEvent[] = [];
  const household = () => ({ cookie: w.household.contact.cookie });
  const dispatcher = () => ({ cookie: w.dispatcher.cookie });
  const request = (booking?: Record<string, unknown>, caller = household()) =>
    call(t.app, 'POST', '/api/portal/requests', {
      ...caller,
      body: { categoryId: w.categoryId, description: 'The heating makes a banging noise.', priority: 'normal', slaAcknowledged: true, location: { locationId: w.household.locationId }, ...(booking ? { booking } : {}) },
    });
  const dispatcherJob = async () =>
    (await call(t.app, 'POST', '/api/jobs', { ...dispatcher(), body: { customerId: w.household.customerId, locationId: w.household.locationId, categoryId: w.categoryId, priority: 'normal', description: 'Check the radiators' } })).body.id as string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t);
    t.app.bus.subscribe('*', (event) => void events.push(event));
  });
  afterAll(() => t.close());

  it('files a request with a booked window: the job is scheduled through the jobs module, timeline and events included', async () => {
    const answer = await request({ windowStart: WED_8 });
    expect(answer.status).toBe(201);
    expect(answer.body.job.status).toBe('scheduled');
    expect(answer.body.appointment).toEqual({ windowStart: WED_8, windowEnd: WED_10 });
    expect(answer.body.nextSteps[1]).toContain('booked');

    const page = await call(t.app, 'GET', `/api/portal/jobs/${answer.body.job.id}`, household());
    expect(page.body.status).toBe('scheduled');
    expect(page.body.appointment).toMatchObject({ windowStart: WED_8, windowEnd: WED_10, status: 'scheduled' });
    expect(page.body.timeline.map((e: { type: string }) => e.type)).toEqual(['job.created', 'job.scheduled']);
    expect(page.body.timeline[1].actor).toEqual({ kind: 'contact', name: 'Ana García' });
    expect(page.body.selfScheduling).toMatchObject({ canBook: false, canReschedule: true, canCancel: true, rescheduleUntil: '2026-01-14T12:00:00.000Z', cancelUntil: '2026-01-14T12:00:00.000Z' });

    const staff = await call(t.app, 'GET', `/api/jobs/${answer.body.job.id}`, dispatcher());
    expect(staff.body.appointment.technician).not.toBeNull();
  });

  it('a window that is not offered answers 400 naming windowStart: off the grid, too soon, too far', async () => {
    for (const windowStart of ['2026-01-14T14:30:00.000Z', '2026-01-13T09:00:00.000Z', '2026-03-02T14:00:00.000Z']) {
      const answer = await request({ windowStart });
      expect(answer.status).toBe(400);
      expect(answer.body.error.details.fields[0].field).toBe('windowStart');
    }
    const notAllowed = await request({ windowStart: WED_8, technicianId: w.technician.id });
    expect(notAllowed.status).toBe(400);
    expect(notAllowed.body.error.details.fields[0].field).toBe('technicianId');
    // Nothing was filed by the refused requests.
    expect((await call(t.app, 'GET', '/api/portal/jobs', household())).body.items).toHaveLength(1);
  });

  it('books an existing job from its job link, then moves it, keeping the technician when they can still come', async () => {
    const jobId = await dispatcherJob();
    const link = await jobLinkCookie(t, w, jobId, w.household.contact.id);
    const windows = await call(t.app, 'GET', `/api/portal/jobs/${jobId}/availability?from=2026-01-15&to=2026-01-15`, { cookie: link.cookie });
    expect(windows.status).toBe(200);
    expect(windows.body.windows.map((x: { start: string }) => x.start)).toContain(THU_10);

    const booked = await call(t.app, 'POST', `/api/portal/jobs/${jobId}/book`, { cookie: link.cookie, body: { windowStart: THU_10 } });
    expect(booked.status).toBe(200);
    expect(booked.body.status).toBe('scheduled');
    const technicianBefore = (await call(t.app, 'GET', `/api/jobs/${jobId}`, dispatcher())).body.appointment.technician.id;

    const moved = await call(t.app, 'POST', `/api/portal/jobs/${jobId}/reschedule`, { cookie: link.cookie, body: { windowStart: '2026-01-16T18:00:00.000Z', reason: 'I am at work on Thursday' } });
    expect(moved.status).toBe(200);
    expect(moved.body.status).toBe('rescheduled');
    expect(moved.body.appointment).toMatchObject({ windowStart: '2026-01-16T18:00:00.000Z', visitNumber: 1 });
    expect(moved.body.timeline.at(-1)).toMatchObject({ type: 'job.rescheduled', data: { previousWindowStart: THU_10, reason: 'I am at work on Thursday' } });
    const staff = await call(t.app, 'GET', `/api/jobs/${jobId}`, dispatcher());
    expect(staff.body.visits).toHaveLength(1);
    expect(staff.body.appointment.technician.id).toBe(technicianBefore);
    expect(events.filter((e) => e.jobId === jobId).map((e) => e.type)).toEqual(['job.created', 'job.scheduled', 'job.rescheduled']);
    // The office hears of a move made online (and not of its own bookings).
    const told = await t.db.selectFrom('notifications').select(['type', 'title']).where('recipient_id', '=', w.dispatcher.id).where('job_id', '=', jobId).execute();
    expect(told.map((n) => n.type)).toEqual(['customer_rescheduled']);
    expect(told[0]!.title).toMatch(/^Ana García \(García household\) moved ARV-\d{2}-\d{5} to Fri, Jan 16, 12:00/);

    // Booking twice is a step the state machine refuses.
    const again = await call(t.app, 'POST', `/api/portal/jobs/${jobId}/book`, { cookie: link.cookie, body: { windowStart: THU_10 } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_TRANSITION');
  });

  it('refuses to move or cancel after the cut-offs, with a clear code; before them cancelling works', async () => {
    const booked = await request({ windowStart: '2026-01-15T14:00:00.000Z' });
    const jobId: string = booked.body.job.id;
    try {
      // 1 h 50 min before the window: past the 2-hour cut-offs.
      t.clock.set(new Date(Date.parse('2026-01-15T14:00:00.000Z') - 110 * MINUTE));
      const move = await call(t.app, 'POST', `/api/portal/jobs/${jobId}/reschedule`, { ...household(), body: { windowStart: '2026-01-16T14:00:00.000Z' } });
      expect(move.status).toBe(409);
      expect(move.body.error).toMatchObject({ code: 'RESCHEDULE_CUTOFF_PASSED', details: { cutoffAt: '2026-01-15T12:00:00.000Z', windowStart: '2026-01-15T14:00:00.000Z' } });
      const cancel = await call(t.app, 'POST', `/api/portal/jobs/${jobId}/cancel`, { ...household(), body: {} });
      expect(cancel.status).toBe(409);
      expect(cancel.body.error.code).toBe('CANCEL_CUTOFF_PASSED');
      expect((await call(t.app, 'GET', `/api/portal/jobs/${jobId}`, household())).body.selfScheduling).toMatchObject({ canReschedule: false, canCancel: false });

      // A company with longer cut-offs: moving is refused a day ahead, cancelling still allowed.
      t.clock.set(new Date(Date.parse('2026-01-15T14:00:00.000Z') - 20 * HOUR));
      await call(t.app, 'PATCH', '/api/booking-policy', { cookie: w.admin.cookie, body: { rescheduleCutoffMinutes: 24 * 60, cancelCutoffMinutes: 12 * 60 } });
      const early = await call(t.app, 'POST', `/api/portal/jobs/${jobId}/reschedule`, { ...household(), body: { windowStart: '2026-01-16T14:00:00.000Z' } });
      expect(early.body.error.code).toBe('RESCHEDULE_CUTOFF_PASSED');
      const cancelled = await call(t.app, 'POST', `/api/portal/jobs/${jobId}/cancel`, { ...household(), body: { reason: 'Fixed it myself' } });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'Fixed it myself' });
      expect(cancelled.body.timeline.at(-1)).toMatchObject({ type: 'job.cancelled', actor: { kind: 'contact' } });
      const told = await t.db.selectFrom('notifications').select(['type', 'body']).where('recipient_id', '=', w.dispatcher.id).where('job_id', '=', jobId).execute();
      expect(told.find((n) => n.type === 'customer_cancelled')?.body).toContain('Fixed it myself');
    } finally {
      t.clock.set(TEST_NOW);
      await call(t.app, 'PATCH', '/api/booking-policy', { cookie: w.admin.cookie, body: { rescheduleCutoffMinutes: 120, cancelCutoffMinutes: 120 } });
    }
  });

  it('a job not yet booked can be cancelled any time; one whose technician is on the way cannot be moved', async () => {
    const unbooked = await request();
    const cancel = await call(t.app, 'POST', `/api/portal/jobs/${unbooked.body.job.id}/cancel`, { ...household(), body: {} });
    expect(cancel.status).toBe(200);
    expect(cancel.body.cancelReason).toBe('Cancelled by the customer');

    const jobId = await dispatcherJob();
    const scheduled = await call(t.app, 'POST', `/api/jobs/${jobId}/schedule`, { ...dispatcher(), body: { technicianId: w.otherTechnician.id, windowStart: '2026-01-14T20:00:00.000Z', windowEnd: '2026-01-14T22:00:00.000Z', allowOverlap: true } });
    expect(scheduled.status).toBe(200);
    const visitId = scheduled.body.visits[0].id;
    try {
      t.clock.set('2026-01-14T19:30:00.000Z');
      expect((await call(t.app, 'POST', `/api/technician/appointments/${visitId}/on-my-way`, { cookie: w.otherTechnician.cookie })).status).toBe(200);
      const move = await call(t.app, 'POST', `/api/portal/jobs/${jobId}/reschedule`, { ...household(), body: { windowStart: '2026-01-22T14:00:00.000Z' } });
      expect(move.status).toBe(409);
      expect(move.body.error.code).toBe('RESCHEDULE_CUTOFF_PASSED');
    } finally {
      t.clock.set(TEST_NOW);
    }
  });

  it('lets customers pick a technician only when the policy allows, and only one who can come', async () => {
    await call(t.app, 'PATCH', '/api/booking-policy', { cookie: w.admin.cookie, body: { customersMayChooseTechnician: true } });
    try {
      const picked = await request({ windowStart: '2026-01-21T16:00:00.000Z', technicianId: w.otherTechnician.id });
      expect(picked.status).toBe(201);
      expect((await call(t.app, 'GET', `/api/portal/jobs/${picked.body.job.id}`, household())).body.technician.name).toBe('Sam Wrench');
      const stranger = await request({ windowStart: '2026-01-21T16:00:00.000Z', technicianId: w.dispatcher.id });
      expect(stranger.status).toBe(400);
      expect(stranger.body.error.details.fields[0].field).toBe('technicianId');
    } finally {
      await call(t.app, 'PATCH', '/api/booking-policy', { cookie: w.admin.cookie, body: { customersMayChooseTechnician: false } });
    }
  });

  it('another customer cannot see windows for, book, move or cancel someone else’s job', async () => {
    const jobId = await dispatcherJob();
    const stranger = { cookie: w.organisation.member.cookie };
    expect((await call(t.app, 'GET', `/api/portal/jobs/${jobId}/availability`, stranger)).status).toBe(404);
    expect((await call(t.app, 'POST', `/api/portal/jobs/${jobId}/book`, { ...stranger, body: { windowStart: WED_8 } })).status).toBe(404);
    expect((await call(t.app, 'POST', `/api/portal/jobs/${jobId}/reschedule`, { ...stranger, body: { windowStart: WED_8 } })).status).toBe(404);
    expect((await call(t.app, 'POST', `/api/portal/jobs/${jobId}/cancel`, { ...stranger, body: {} })).status).toBe(404);
    // A job link opens its own job only.
    const otherJob = await dispatcherJob();
    const link = await jobLinkCookie(t, w, otherJob, w.household.contact.id);
    expect((await call(t.app, 'POST', `/api/portal/jobs/${jobId}/cancel`, { cookie: link.cookie, body: {} })).status).toBe(404);
    expect((await call(t.app, 'GET', `/api/jobs/${jobId}`, dispatcher())).body.status).toBe('created');
  });
});

describe('console scheduling: no technician double-booked unless the dispatcher says so', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t);
  });
  afterAll(() => t.close());

  const newJob = async (locationId: string, customerId: string, contactIds?: string[]) =>
    (
      await call(t.app, 'POST', '/api/jobs', {
        cookie: w.dispatcher.cookie,
        body: { customerId, locationId, categoryId: w.categoryId, priority: 'normal', description: 'Service', ...(contactIds ? { contactIds } : {}) },
      })
    ).body.id as string;
  const schedule = (jobId: string, body: Record<string, unknown>) => call(t.app, 'POST', `/api/jobs/${jobId}/schedule`, { cookie: w.dispatcher.cookie, body });

  it('overlapping windows are fine while the visits fit one after the other; a visit that cannot fit is TECHNICIAN_BUSY unless allowOverlap', async () => {
    // A long visit (4 h) at the household, 08:00–08:30 arrival.
    const long = await t.app.services.categories.create(w.companyId, { name: 'Boiler replacement', defaultDurationMinutes: 240 });
    const first = (await call(t.app, 'POST', '/api/jobs', { cookie: w.dispatcher.cookie, body: { customerId: w.household.customerId, locationId: w.household.locationId, categoryId: long.id, priority: 'normal', description: 'Replace boiler' } })).body.id;
    expect((await schedule(first, { technicianId: w.technician.id, windowStart: '2026-01-14T14:00:00.000Z', windowEnd: '2026-01-14T14:30:00.000Z' })).status).toBe(200);

    // The afternoon is free: a visit 12:00–14:00 fits after the boiler.
    const afternoon = await newJob(w.household.locationId, w.household.customerId);
    expect((await schedule(afternoon, { technicianId: w.technician.id, windowStart: '2026-01-14T18:00:00.000Z', windowEnd: '2026-01-14T20:00:00.000Z' })).status).toBe(200);

    // 09:00–10:00 arrival cannot: the boiler keeps the technician until 12:00 at least.
    const clash = await newJob(w.household.locationId, w.household.customerId);
    const refused = await schedule(clash, { technicianId: w.technician.id, windowStart: '2026-01-14T15:00:00.000Z', windowEnd: '2026-01-14T16:00:00.000Z' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('TECHNICIAN_BUSY');
    expect(refused.body.error.details.conflicts.map((c: { jobId: string }) => c.jobId)).toContain(first);
    expect((await call(t.app, 'GET', `/api/jobs/${clash}`, { cookie: w.dispatcher.cookie })).body.status).toBe('created');

    const forced = await schedule(clash, { technicianId: w.technician.id, windowStart: '2026-01-14T15:00:00.000Z', windowEnd: '2026-01-14T16:00:00.000Z', allowOverlap: true });
    expect(forced.status).toBe(200);

    // Reassigning the afternoon visit to someone free works; moving it into the boiler's morning does not.
    expect((await call(t.app, 'POST', `/api/jobs/${afternoon}/reschedule`, { cookie: w.dispatcher.cookie, body: { windowStart: '2026-01-14T15:00:00.000Z', windowEnd: '2026-01-14T16:00:00.000Z' } })).body.error.code).toBe('TECHNICIAN_BUSY');
    expect((await call(t.app, 'POST', `/api/jobs/${afternoon}/reassign`, { cookie: w.dispatcher.cookie, body: { technicianId: w.otherTechnician.id } })).status).toBe(200);
  });

  it('two dispatchers putting different jobs on the same technician in the same tight window: one wins, the other gets TECHNICIAN_BUSY', async () => {
    const long = await t.app.services.categories.create(w.companyId, { name: 'Full service', defaultDurationMinutes: 180 });
    const jobs = await Promise.all(
      [0, 1].map(async () => (await call(t.app, 'POST', '/api/jobs', { cookie: w.dispatcher.cookie, body: { customerId: w.household.customerId, locationId: w.household.locationId, categoryId: long.id, priority: 'normal', description: 'Full service' } })).body.id as string),
    );
    const answers = await Promise.all(jobs.map((jobId) => schedule(jobId, { technicianId: w.otherTechnician.id, windowStart: '2026-01-16T14:00:00.000Z', windowEnd: '2026-01-16T15:00:00.000Z' })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)!.body.error.code).toBe('TECHNICIAN_BUSY');
  });
});
