import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createWorld, WINDOWS, type World } from '../helpers/world.js';
import { call } from '../helpers/http.js';

describe('job transitions through the API', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t);
  });
  afterAll(() => t.close());

  const newJob = async () => {
    const answer = await call(t.app, 'POST', '/api/jobs', {
      cookie: w.dispatcher.cookie,
      body: { customerId: w.household.customerId, locationId: w.household.locationId, categoryId: w.categoryId, priority: 'normal', description: 'Tap drips' },
    });
    expect(answer.status).toBe(201);
    return answer.body;
  };
  const timelineLength = async (jobId: string) => (await call(t.app, 'GET', `/api/jobs/${jobId}`, { cookie: w.dispatcher.cookie })).body.timeline.length;

  it('a dispatcher-made job starts created, from the company source, with the first contact notified', async () => {
    const job = await newJob();
    expect(job).toMatchObject({ status: 'created', source: { name: 'Direct' }, sourceKind: 'company', notificationsEnabled: true, availableActions: ['schedule', 'cancel'] });
    expect(job.contacts).toEqual([expect.objectContaining({ id: w.household.contact.id, notify: true })]);
    expect(job.timeline).toEqual([expect.objectContaining({ type: 'job.created', actor: { kind: 'user', name: 'Dana Dispatcher' } })]);
  });

  it('an invalid transition answers 409 naming the current state and changes nothing', async () => {
    const job = await newJob();
    const reschedule = await call(t.app, 'POST', `/api/jobs/${job.id}/reschedule`, { cookie: w.dispatcher.cookie, body: WINDOWS.friday });
    expect(reschedule.status).toBe(409);
    expect(reschedule.body.error).toMatchObject({ code: 'INVALID_TRANSITION', details: { currentStatus: 'created' } });
    expect(reschedule.body.error.message).toContain('created');

    await call(t.app, 'POST', `/api/jobs/${job.id}/schedule`, { cookie: w.dispatcher.cookie, body: { technicianId: w.technician.id, ...WINDOWS.tomorrowMorning } });
    const again = await call(t.app, 'POST', `/api/jobs/${job.id}/schedule`, { cookie: w.dispatcher.cookie, body: { technicianId: w.technician.id, ...WINDOWS.friday } });
    expect(again.status).toBe(409);
    expect(again.body.error.details.currentStatus).toBe('scheduled');

    const day = await call(t.app, 'GET', '/api/technician/appointments?date=2026-01-14', { cookie: w.technician.cookie });
    const visit = day.body.items.find((a: { jobId: string }) => a.jobId === job.id);
    const start = await call(t.app, 'POST', `/api/technician/appointments/${visit.id}/start`, { cookie: w.technician.cookie });
    expect(start.status).toBe(409);
    expect(start.body.error.details.currentStatus).toBe('scheduled');
    expect(await timelineLength(job.id)).toBe(2);
  });

  it('cancelling records the reason; a cancelled job accepts nothing more', async () => {
    const job = await newJob();
    const cancelled = await call(t.app, 'POST', `/api/jobs/${job.id}/cancel`, { cookie: w.dispatcher.cookie, body: { reason: 'Customer fixed it' } });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'Customer fixed it', closedAt: expect.any(String), availableActions: [] });
    expect(cancelled.body.timeline.at(-1)).toMatchObject({ type: 'job.cancelled', visibility: 'customer', data: { reason: 'Customer fixed it' } });
    for (const [path, body] of [
      ['cancel', { reason: 'again' }],
      ['schedule', { technicianId: w.technician.id, ...WINDOWS.friday }],
    ] as const) {
      const answer = await call(t.app, 'POST', `/api/jobs/${job.id}/${path}`, { cookie: w.dispatcher.cookie, body });
      expect(answer.status).toBe(409);
      expect(answer.body.error.details.currentStatus).toBe('cancelled');
    }
    const note = await call(t.app, 'POST', `/api/portal/jobs/${job.id}/notes`, { cookie: w.household.contact.cookie, body: { text: 'hello?' } });
    expect(note.status).toBe(409);
  });

  it('reassigning and rescheduling a booked visit keep one visit and record who and when', async () => {
    const job = await newJob();
    await call(t.app, 'POST', `/api/jobs/${job.id}/schedule`, { cookie: w.dispatcher.cookie, body: { technicianId: w.technician.id, ...WINDOWS.tomorrowMorning } });
    const reassigned = await call(t.app, 'POST', `/api/jobs/${job.id}/reassign`, { cookie: w.dispatcher.cookie, body: { technicianId: w.otherTechnician.id } });
    expect(reassigned.body.appointment.technician).toEqual({ id: w.otherTechnician.id, name: 'Sam Wrench' });
    expect(reassigned.body.timeline.at(-1)).toMatchObject({ type: 'job.technician_assigned', data: { technicianName: 'Sam Wrench', previousTechnicianId: w.technician.id } });

    const moved = await call(t.app, 'POST', `/api/jobs/${job.id}/reschedule`, { cookie: w.dispatcher.cookie, body: WINDOWS.tomorrowAfternoon });
    expect(moved.body.status).toBe('rescheduled');
    expect(moved.body.visits).toHaveLength(1);
    expect(moved.body.appointment).toMatchObject({ windowStart: WINDOWS.tomorrowAfternoon.windowStart, technician: { id: w.otherTechnician.id } });
    expect(moved.body.timeline.at(-1)).toMatchObject({
      type: 'job.rescheduled',
      data: { previousWindowStart: WINDOWS.tomorrowMorning.windowStart, windowStart: WINDOWS.tomorrowAfternoon.windowStart, followUp: false },
    });

    // The old technician no longer sees it; the new one does.
    const oldDay = await call(t.app, 'GET', '/api/technician/appointments?date=2026-01-14', { cookie: w.technician.cookie });
    expect(oldDay.body.items.some((a: { jobId: string }) => a.jobId === job.id)).toBe(false);
    const newDay = await call(t.app, 'GET', '/api/technician/appointments?date=2026-01-14', { cookie: w.otherTechnician.cookie });
    expect(newDay.body.items.some((a: { jobId: string }) => a.jobId === job.id)).toBe(true);
  });

  it('two dispatchers scheduling the same job at once: one wins, the other gets 409', async () => {
    const job = await newJob();
    const answers = await Promise.all(
      [w.technician.id, w.otherTechnician.id].map((technicianId) => call(t.app, 'POST', `/api/jobs/${job.id}/schedule`, { cookie: w.dispatcher.cookie, body: { technicianId, ...WINDOWS.friday } })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const final = await call(t.app, 'GET', `/api/jobs/${job.id}`, { cookie: w.dispatcher.cookie });
    expect(final.body.visits).toHaveLength(1);
    expect(final.body.timeline.filter((e: { type: string }) => e.type === 'job.scheduled')).toHaveLength(1);
  });

  it('schedule validates the window and the technician, naming the field', async () => {
    const job = await newJob();
    const backwards = await call(t.app, 'POST', `/api/jobs/${job.id}/schedule`, {
      cookie: w.dispatcher.cookie,
      body: { technicianId: w.technician.id, windowStart: WINDOWS.friday.windowEnd, windowEnd: WINDOWS.friday.windowStart },
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.details.fields).toEqual([{ field: 'windowEnd', message: 'must be after the start' }]);

    const past = await call(t.app, 'POST', `/api/jobs/${job.id}/schedule`, {
      cookie: w.dispatcher.cookie,
      body: { technicianId: w.technician.id, windowStart: '2026-01-12T14:00:00.000Z', windowEnd: '2026-01-12T16:00:00.000Z' },
    });
    expect(past.body.error.details.fields[0].field).toBe('windowEnd');

    const notATechnician = await call(t.app, 'POST', `/api/jobs/${job.id}/schedule`, { cookie: w.dispatcher.cookie, body: { technicianId: w.dispatcher.id, ...WINDOWS.friday } });
    expect(notATechnician.status).toBe(400);
    expect(notATechnician.body.error.details.fields[0].field).toBe('technicianId');
    expect(await timelineLength(job.id)).toBe(1);
  });

  it('triage changes are recorded for staff only', async () => {
    const job = await newJob();
    const patched = await call(t.app, 'PATCH', `/api/jobs/${job.id}`, { cookie: w.dispatcher.cookie, body: { priority: 'emergency', notificationsEnabled: false } });
    expect(patched.body).toMatchObject({ priority: 'emergency', notificationsEnabled: false });
    expect(patched.body.timeline.at(-1)).toMatchObject({
      type: 'job.updated',
      visibility: 'staff',
      data: { changes: { priority: { from: 'normal', to: 'emergency' }, notificationsEnabled: { from: true, to: false } } },
    });
    const customerView = await call(t.app, 'GET', `/api/portal/jobs/${job.id}`, { cookie: w.household.contact.cookie });
    expect(customerView.body.timeline.map((e: { type: string }) => e.type)).toEqual(['job.created']);
  });

  it('technician bios reach customers only once approved, and never for a source that hides them', async () => {
    const job = await newJob();
    await call(t.app, 'POST', `/api/jobs/${job.id}/schedule`, { cookie: w.dispatcher.cookie, body: { technicianId: w.technician.id, ...WINDOWS.friday } });
    const profile = await call(t.app, 'PATCH', `/api/technicians/${w.technician.id}/profile`, { cookie: w.technician.cookie, body: { bio: '12 years fixing boilers.', skills: ['hvac'] } });
    expect(profile.body.bioStatus).toBe('pending');
    const card = async (jobId: string) => (await call(t.app, 'GET', `/api/portal/jobs/${jobId}`, { cookie: w.household.contact.cookie })).body.technician;
    expect((await card(job.id)).bio).toBeNull();

    const approved = await call(t.app, 'POST', `/api/technicians/${w.technician.id}/bio/approve`, { cookie: w.dispatcher.cookie });
    expect(approved.body.bioStatus).toBe('approved');
    expect((await card(job.id)).bio).toBe('12 years fixing boilers.');

    // A technician edits their bio again: back to pending, hidden until approved.
    await call(t.app, 'PATCH', `/api/technicians/${w.technician.id}/profile`, { cookie: w.technician.cookie, body: { bio: 'Changed.' } });
    expect((await card(job.id)).bio).toBeNull();
    await call(t.app, 'POST', `/api/technicians/${w.technician.id}/bio/approve`, { cookie: w.dispatcher.cookie });

    // The warranty source hides bios from its customers.
    const intake = await call(t.app, 'POST', '/api/intake/jobs', {
      bearer: w.partner.apiKey,
      body: { categoryId: w.categoryId, priority: 'normal', description: 'Oven', customer: { name: 'García household', contact: { name: 'Ana García', email: w.household.contact.email } }, location: { line1: '12 Elm Street', city: 'Springfield', postalCode: '62701', country: 'US' } },
    });
    await call(t.app, 'POST', `/api/jobs/${intake.body.id}/schedule`, { cookie: w.dispatcher.cookie, body: { technicianId: w.technician.id, ...WINDOWS.friday } });
    expect(await card(intake.body.id)).toEqual({ name: 'Alex Fixer', photoUrl: null, bio: null });

    // A technician cannot edit a colleague's profile.
    const foreign = await call(t.app, 'PATCH', `/api/technicians/${w.otherTechnician.id}/profile`, { cookie: w.technician.cookie, body: { bio: 'hijack' } });
    expect(foreign.status).toBe(404);
  });
});
