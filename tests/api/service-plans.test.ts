import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type { DomainEvent } from '../../src/server/lib/events.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createWorld, type World } from '../helpers/world.js';
import { call } from '../helpers/http.js';

/**
 * Recurring service plans through the API, on the run's database. The test clock stands on
 * Tue 13 Jan 2026 09:00 UTC; the company is in America/Chicago, whose clocks go forward on
 * Sun 8 Mar 2026. Visits are generated 60 days ahead: up to Sat 14 Mar.
 */
describe('service plans: generation ahead, change of frequency, skip, suspension', () => {
  let t: TestApp;
  let w: World;
  let other: World;
  const events: DomainEvent[] = [];
  const dispatcher = () => ({ cookie: w.dispatcher.cookie });
  const customer = () => ({ cookie: w.household.contact.cookie });

  const createPlan = (body: Record<string, unknown>, caller = dispatcher()) =>
    call(t.app, 'POST', '/api/service-plans', { ...caller, body: { customerId: w.household.customerId, locationId: w.household.locationId, categoryId: w.categoryId, ...body } });

  /** Every job a plan generated, with its occurrence and current visit. */
  const jobsOf = (planId: string) =>
    t.db
      .selectFrom('jobs')
      .leftJoin('service_plan_occurrences as o', 'o.job_id', 'jobs.id')
      .leftJoin('appointments', 'appointments.id', 'jobs.current_appointment_id')
      .select(['jobs.id', 'jobs.status', 'jobs.cancel_reason', 'o.occurrence_date', 'o.status as occurrence_status', 'appointments.id as appointment_id', 'appointments.window_start', 'appointments.technician_id'])
      .where('jobs.service_plan_id', '=', planId)
      .orderBy('o.occurrence_date')
      .orderBy('jobs.created_at')
      .execute();

  const localStart = (iso: string) => DateTime.fromISO(iso, { zone: 'America/Chicago' }).toFormat('yyyy-MM-dd HH:mm');

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t);
    other = await createWorld(t, 'bolt');
    t.app.bus.subscribe('*', (event) => void events.push(event));
  });
  afterAll(() => t.close());

  it('creates a plan: RFC 5545 rule in the company zone, the first visit generated and booked as a real job that notifies', async () => {
    const created = await createPlan({ name: 'Boiler service', frequency: { every: 6, unit: 'month' }, startDate: '2026-01-20', preferredTimeOfDay: 'morning', notes: 'Side gate code 1234' });
    expect(created.status).toBe(201);
    const plan = created.body;
    expect(plan).toMatchObject({ name: 'Boiler service', status: 'active', frequency: { every: 6, unit: 'month' }, frequencyText: 'Every 6 months', startDate: '2026-01-20', endDate: null, count: null });
    expect(plan.rrule).toBe('DTSTART;TZID=America/Chicago:20260120T000000\nRRULE:FREQ=MONTHLY;INTERVAL=6');

    // Inside the horizon: 20 Jan, booked 08:00–10:00 local; the rule's next dates are listed as planned.
    expect(plan.upcoming.map((v: { date: string; state: string }) => [v.date, v.state])).toEqual([
      ['2026-01-20', 'booked'],
      ['2026-07-20', 'planned'],
      ['2027-01-20', 'planned'],
      ['2027-07-20', 'planned'],
      ['2028-01-20', 'planned'],
      ['2028-07-20', 'planned'],
    ]);
    expect(plan.nextVisit).toMatchObject({ date: '2026-01-20', state: 'booked', windowStart: '2026-01-20T14:00:00.000Z', windowEnd: '2026-01-20T16:00:00.000Z' });
    expect(plan.nextVisit.technicianName).toMatch(/Alex Fixer|Sam Wrench/);

    const jobs = await jobsOf(plan.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ status: 'scheduled', occurrence_date: '2026-01-20', occurrence_status: 'generated' });

    // Through the jobs module: timeline, domain events, the customer's notifications.
    const staffJob = await call(t.app, 'GET', `/api/jobs/${jobs[0]!.id}`, dispatcher());
    expect(staffJob.body.timeline.map((e: { type: string }) => e.type)).toEqual(['job.created', 'job.scheduled']);
    expect(staffJob.body.description).toContain('Boiler service');
    expect(staffJob.body.description).toContain('Side gate code 1234');
    expect(events.filter((e) => e.jobId === jobs[0]!.id).map((e) => e.type)).toEqual(['job.created', 'job.scheduled']);
    const outbox = await t.db.selectFrom('outbox_messages').select(['template']).where('job_id', '=', jobs[0]!.id).execute();
    expect(outbox.map((m) => m.template)).toContain('appointment_scheduled');

    // The customer sees it in the portal, and the job page as any other job of theirs.
    const mine = await call(t.app, 'GET', '/api/portal/service-plans', customer());
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((p: { id: string }) => p.id)).toContain(plan.id);
    expect(mine.body.frequencyChoices).toContainEqual({ every: 6, unit: 'month' });
    expect((await call(t.app, 'GET', `/api/portal/jobs/${jobs[0]!.id}`, customer())).status).toBe(200);
  });

  it('generation ahead is idempotent: run again, in parallel, and by the worker pass, the same jobs', async () => {
    const plan = (await createPlan({ frequency: { every: 2, unit: 'week' }, startDate: '2026-01-22' })).body;
    const before = await jobsOf(plan.id);
    // 22 Jan, 5 Feb, 19 Feb, 5 Mar: every occurrence up to 14 Mar.
    expect(before.map((j) => j.occurrence_date)).toEqual(['2026-01-22', '2026-02-05', '2026-02-19', '2026-03-05']);
    const { servicePlans } = t.app.services;
    expect(await servicePlans.generatePlan(w.companyId, plan.id)).toBe(0);
    await Promise.all([servicePlans.generatePlan(w.companyId, plan.id), servicePlans.generatePlan(w.companyId, plan.id), servicePlans.generateAll()]);
    const after = await jobsOf(plan.id);
    expect(after.map((j) => j.id)).toEqual(before.map((j) => j.id));
    const occurrences = await t.db.selectFrom('service_plan_occurrences').select('occurrence_date').where('plan_id', '=', plan.id).execute();
    expect(occurrences).toHaveLength(4);
  });

  it('always has the next visit, even beyond the horizon, and a visit nobody can take waits for dispatch', async () => {
    const yearly = (await createPlan({ frequency: { every: 1, unit: 'year' }, startDate: '2026-06-01' })).body;
    expect((await jobsOf(yearly.id)).map((j) => [j.occurrence_date, j.status])).toEqual([['2026-06-01', 'scheduled']]);

    const special = await t.app.services.categories.create(w.companyId, { name: 'Solar panel cleaning', defaultDurationMinutes: 60, requiredSkills: ['rope-access'] });
    const nobody = (await createPlan({ categoryId: special.id, frequency: { every: 3, unit: 'month' }, startDate: '2026-01-21' })).body;
    expect(nobody.nextVisit).toMatchObject({ date: '2026-01-21', state: 'unscheduled', windowStart: null, technicianName: null });
    expect((await jobsOf(nobody.id)).map((j) => j.status)).toEqual(['created']);
    const list = await call(t.app, 'GET', '/api/jobs?status=created', dispatcher());
    expect(list.body.items.some((j: { id: string; unassigned: boolean }) => j.id === nobody.nextVisit.jobId && j.unassigned)).toBe(true);
  });

  it('occurrences follow the rule across daylight saving: the same local hour before and after 8 March', async () => {
    const plan = (await createPlan({ frequency: { every: 1, unit: 'week' }, startDate: '2026-03-04', preferredTimeOfDay: 'morning' })).body;
    const jobs = await jobsOf(plan.id);
    expect(jobs.map((j) => j.occurrence_date)).toEqual(['2026-03-04', '2026-03-11']);
    expect(jobs.map((j) => j.window_start)).toEqual(['2026-03-04T14:00:00.000Z', '2026-03-11T13:00:00.000Z']);
    expect(jobs.map((j) => localStart(j.window_start!))).toEqual(['2026-03-04 08:00', '2026-03-11 08:00']);

    const afternoon = (await createPlan({ frequency: { every: 1, unit: 'month' }, startDate: '2026-01-30', preferredTimeOfDay: 'afternoon' })).body;
    const visit = (await jobsOf(afternoon.id))[0]!;
    expect(Number(localStart(visit.window_start!).slice(11, 13))).toBeGreaterThanOrEqual(12);
    // A plan on the 30th lands on the last day of February, not never.
    expect(afternoon.upcoming.map((v: { date: string }) => v.date).slice(0, 3)).toEqual(['2026-01-30', '2026-02-28', '2026-03-30']);
  });

  it('a change of frequency re-plans the visits ahead; a visit under way is left alone', async () => {
    const plan = (await createPlan({ frequency: { every: 2, unit: 'week' }, startDate: '2026-01-15' })).body;
    const before = await jobsOf(plan.id);
    expect(before.map((j) => j.occurrence_date)).toEqual(['2026-01-15', '2026-01-29', '2026-02-12', '2026-02-26', '2026-03-12']);

    // The technician has set out for the 29 January visit: it is no longer the plan's to withdraw.
    const underWay = before[1]!;
    const technicianCookie = underWay.technician_id === w.technician.id ? w.technician.cookie : w.otherTechnician.cookie;
    expect((await call(t.app, 'POST', `/api/technician/appointments/${underWay.appointment_id}/on-my-way`, { cookie: technicianCookie })).status).toBe(200);

    const changed = await call(t.app, 'POST', `/api/portal/service-plans/${plan.id}/frequency`, { ...customer(), body: { frequency: { every: 1, unit: 'month' } } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ frequency: { every: 1, unit: 'month' }, frequencyText: 'Every month', startDate: '2026-01-15' });

    const after = await jobsOf(plan.id);
    const byDate = Object.fromEntries(after.map((j) => [j.occurrence_date, j]));
    expect(byDate['2026-01-15']).toMatchObject({ id: before[0]!.id, status: 'scheduled' });
    expect(byDate['2026-01-29']).toMatchObject({ id: underWay.id, status: 'en_route' });
    for (const date of ['2026-02-12', '2026-02-26', '2026-03-12']) {
      expect(byDate[date]).toMatchObject({ status: 'cancelled', occurrence_status: 'cancelled' });
      expect(byDate[date]!.cancel_reason).toContain('now repeats every month');
    }
    // 15 Feb is a Sunday: booked on the first working day after it.
    expect(byDate['2026-02-15']).toMatchObject({ status: 'scheduled', occurrence_status: 'generated' });
    expect(localStart(byDate['2026-02-15']!.window_start!)).toBe('2026-02-16 08:00');

    // Dispatchers see who did it and why on the cancelled job's timeline.
    const cancelled = await call(t.app, 'GET', `/api/jobs/${byDate['2026-02-12']!.id}`, dispatcher());
    expect(cancelled.body.timeline.at(-1)).toMatchObject({ type: 'job.cancelled', actor: { kind: 'contact', name: 'Ana García' } });

    // Changing back brings the withdrawn dates back as new jobs, never two for one date.
    await call(t.app, 'POST', `/api/service-plans/${plan.id}/frequency`, { ...dispatcher(), body: { frequency: { every: 2, unit: 'week' } } });
    const back = await jobsOf(plan.id);
    const live = back.filter((j) => j.occurrence_status === 'generated');
    expect(live.map((j) => j.occurrence_date)).toEqual(['2026-01-15', '2026-01-29', '2026-02-12', '2026-02-26', '2026-03-12']);
    expect(back.find((j) => j.occurrence_date === '2026-02-15')).toMatchObject({ status: 'cancelled' });
  });

  it('skips one visit: its job is cancelled with the reason, the date is never generated again', async () => {
    const plan = (await createPlan({ frequency: { every: 1, unit: 'month' }, startDate: '2026-01-27' })).body;
    const [first] = await jobsOf(plan.id);
    expect(first).toMatchObject({ occurrence_date: '2026-01-27', status: 'scheduled' });

    const skipped = await call(t.app, 'POST', `/api/portal/service-plans/${plan.id}/skip`, { ...customer(), body: { date: '2026-01-27', reason: 'We are away that week' } });
    expect(skipped.status).toBe(200);
    expect(skipped.body.upcoming[0]).toMatchObject({ date: '2026-01-27', state: 'skipped' });
    expect(skipped.body.nextVisit).toMatchObject({ date: '2026-02-27', state: 'booked' });

    const job = await call(t.app, 'GET', `/api/jobs/${first!.id}`, dispatcher());
    expect(job.body.status).toBe('cancelled');
    expect(job.body.cancelReason).toContain('We are away that week');
    expect(job.body.timeline.at(-1)).toMatchObject({ type: 'job.cancelled', actor: { kind: 'contact', name: 'Ana García' } });

    await t.app.services.servicePlans.generatePlan(w.companyId, plan.id);
    expect((await jobsOf(plan.id)).map((j) => [j.occurrence_date, j.occurrence_status])).toEqual([
      ['2026-01-27', 'skipped'],
      ['2026-02-27', 'generated'],
    ]);

    // A date not generated yet can be skipped too; twice is a conflict; a date the rule does not give is a 400.
    const later = await call(t.app, 'POST', `/api/portal/service-plans/${plan.id}/skip`, { ...customer(), body: { date: '2026-04-27' } });
    expect(later.status).toBe(200);
    expect(later.body.upcoming.find((v: { date: string }) => v.date === '2026-04-27').state).toBe('skipped');
    expect((await call(t.app, 'POST', `/api/portal/service-plans/${plan.id}/skip`, { ...customer(), body: { date: '2026-04-27' } })).status).toBe(409);
    const wrong = await call(t.app, 'POST', `/api/portal/service-plans/${plan.id}/skip`, { ...customer(), body: { date: '2026-04-28' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details.fields[0].field).toBe('date');
  });

  it('suspends (visits ahead cancelled, nothing generated) and resumes from today', async () => {
    const plan = (await createPlan({ frequency: { every: 3, unit: 'week' }, startDate: '2026-01-16' })).body;
    expect((await jobsOf(plan.id)).map((j) => j.occurrence_date)).toEqual(['2026-01-16', '2026-02-06', '2026-02-27']);

    const suspended = await call(t.app, 'POST', `/api/portal/service-plans/${plan.id}/suspend`, { ...customer(), body: { reason: 'Selling the house' } });
    expect(suspended.status).toBe(200);
    expect(suspended.body).toMatchObject({ status: 'suspended', statusChangedBy: 'Ana García (customer)', statusReason: 'Selling the house', nextVisit: null });
    const jobs = await jobsOf(plan.id);
    expect(jobs.map((j) => [j.status, j.occurrence_status])).toEqual([
      ['cancelled', 'cancelled'],
      ['cancelled', 'cancelled'],
      ['cancelled', 'cancelled'],
    ]);
    expect(jobs[0]!.cancel_reason).toContain('suspended');
    expect(jobs[0]!.cancel_reason).toContain('Selling the house');

    await t.app.services.servicePlans.generateAll();
    expect(await jobsOf(plan.id)).toHaveLength(3);

    // The office sees it in the console list.
    const list = await call(t.app, 'GET', `/api/service-plans?customerId=${w.household.customerId}&status=suspended`, dispatcher());
    expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([plan.id]);

    // A week later the customer resumes: generation restarts from that day, the skipped-over 16 Jan stays behind.
    t.clock.advance(7 * 24 * 3600_000);
    try {
      const session = await t.app.services.accounts.createSession(w.companyId, 'contact', w.household.contact.id);
      const resumed = await call(t.app, 'POST', `/api/portal/service-plans/${plan.id}/resume`, { cookie: `arrivo_session=${session.token}` });
      expect(resumed.status).toBe(200);
      expect(resumed.body.status).toBe('active');
      const live = (await jobsOf(plan.id)).filter((j) => j.occurrence_status === 'generated');
      expect(live.map((j) => [j.occurrence_date, j.status])).toEqual([
        ['2026-02-06', 'scheduled'],
        ['2026-02-27', 'scheduled'],
        ['2026-03-20', 'scheduled'],
      ]);
    } finally {
      t.clock.advance(-7 * 24 * 3600_000);
    }
  });

  it('inside the cancellation cut-off a customer cannot skip, and a suspension leaves that visit booked; the office can still end it', async () => {
    const plan = (await createPlan({ frequency: { every: 1, unit: 'month' }, startDate: '2026-01-13' })).body;
    const [today] = await jobsOf(plan.id);
    expect(today).toMatchObject({ occurrence_date: '2026-01-13', status: 'scheduled' });
    // 2 hours before its window: too late for the portal.
    t.clock.set(new Date(Date.parse(today!.window_start!) - 90 * 60_000));
    try {
      const session = await t.app.services.accounts.createSession(w.companyId, 'contact', w.household.contact.id);
      const ana = { cookie: `arrivo_session=${session.token}` };
      const skip = await call(t.app, 'POST', `/api/portal/service-plans/${plan.id}/skip`, { ...ana, body: { date: '2026-01-13' } });
      expect(skip.status).toBe(409);
      expect(skip.body.error.code).toBe('CANCEL_CUTOFF_PASSED');
      const suspended = await call(t.app, 'POST', `/api/portal/service-plans/${plan.id}/suspend`, { ...ana, body: {} });
      expect(suspended.body.status).toBe('suspended');
      await t.app.services.servicePlans.generateAll();
      expect((await jobsOf(plan.id)).map((j) => [j.occurrence_date, j.status])).toEqual([
        ['2026-01-13', 'scheduled'],
        ['2026-02-13', 'cancelled'],
        ['2026-03-13', 'cancelled'],
      ]);
      const ended = await call(t.app, 'POST', `/api/service-plans/${plan.id}/end`, { ...dispatcher(), body: {} });
      expect(ended.status).toBe(200);
      expect((await jobsOf(plan.id)).map((j) => j.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    } finally {
      t.clock.set('2026-01-13T09:00:00.000Z');
    }
  });

  it('staff edit a plan with a typed RRULE and end it', async () => {
    const plan = (await createPlan({ frequency: { every: 1, unit: 'month' }, startDate: '2026-02-02' })).body;
    const edited = await call(t.app, 'PATCH', `/api/service-plans/${plan.id}`, { ...dispatcher(), body: { rrule: 'FREQ=WEEKLY;INTERVAL=4;BYDAY=TU', notes: 'Gate code changed' } });
    expect(edited.status).toBe(200);
    expect(edited.body.frequency).toBeNull();
    expect(edited.body.rrule).toContain('BYDAY=TU');
    expect(edited.body.notes).toBe('Gate code changed');
    const live = (await jobsOf(plan.id)).filter((j) => j.occurrence_status === 'generated');
    expect(live.map((j) => j.occurrence_date)).toEqual(['2026-02-03', '2026-03-03']);

    const ended = await call(t.app, 'POST', `/api/service-plans/${plan.id}/end`, { ...dispatcher(), body: { reason: 'Contract not renewed' } });
    expect(ended.body).toMatchObject({ status: 'ended', nextVisit: null });
    expect((await jobsOf(plan.id)).every((j) => j.status === 'cancelled')).toBe(true);
    expect((await call(t.app, 'POST', `/api/service-plans/${plan.id}/resume`, { ...dispatcher(), body: {} })).status).toBe(409);
  });

  it('validation errors name the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ rrule: 'FREQ=DAILY', startDate: '2026-02-01' }, 'rrule'],
      [{ rrule: 'this is not a rule', startDate: '2026-02-01' }, 'rrule'],
      [{ rrule: 'FREQ=WEEKLY;BYDAY=MO,TH', startDate: '2026-02-02' }, 'rrule'],
      [{ startDate: '2026-02-01' }, 'frequency'],
      [{ frequency: { every: 6, unit: 'fortnight' }, startDate: '2026-02-01' }, 'frequency.unit'],
      [{ frequency: { every: 30, unit: 'month' }, startDate: '2026-02-01' }, 'frequency.every'],
      [{ frequency: { every: 1, unit: 'month' }, startDate: '2026-02-31' }, 'startDate'],
      [{ frequency: { every: 1, unit: 'month' }, startDate: '2026-02-01', endDate: '2026-01-01' }, 'endDate'],
      [{ frequency: { every: 1, unit: 'month' }, startDate: '2026-02-01', locationId: w.organisation.locationIds[0] }, 'locationId'],
    ];
    for (const [body, field] of cases) {
      const answer = await createPlan(body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error.details.fields.map((f: { field: string }) => f.field), JSON.stringify(body)).toContain(field);
    }
    const plan = (await createPlan({ frequency: { every: 1, unit: 'year' }, startDate: '2026-05-05' })).body;
    const notOffered = await call(t.app, 'POST', `/api/portal/service-plans/${plan.id}/frequency`, { ...customer(), body: { frequency: { every: 5, unit: 'week' } } });
    expect(notOffered.status).toBe(400);
    expect(notOffered.body.error.details.fields[0].field).toBe('frequency');
  });

  it("another customer's or company's plan is not found", async () => {
    const plan = (await createPlan({ frequency: { every: 1, unit: 'year' }, startDate: '2026-09-09' })).body;
    const stranger = { cookie: w.organisation.admin.cookie };
    expect((await call(t.app, 'GET', '/api/portal/service-plans', stranger)).body.items).toEqual([]);
    for (const [url, body] of [
      [`/api/portal/service-plans/${plan.id}/skip`, { date: '2026-09-09' }],
      [`/api/portal/service-plans/${plan.id}/suspend`, {}],
      [`/api/portal/service-plans/${plan.id}/resume`, {}],
      [`/api/portal/service-plans/${plan.id}/frequency`, { frequency: { every: 1, unit: 'month' } }],
    ] as const) {
      const answer = await call(t.app, 'POST', url, { ...stranger, body });
      expect(answer.status, url).toBe(404);
      expect(answer.body.error.code).toBe('SERVICE_PLAN_NOT_FOUND');
    }
    const otherCompany = { cookie: other.dispatcher.cookie };
    expect((await call(t.app, 'GET', '/api/service-plans', otherCompany)).body.items).toEqual([]);
    for (const [method, url] of [['POST', `/api/service-plans/${plan.id}/suspend`], ['POST', `/api/service-plans/${plan.id}/end`], ['PATCH', `/api/service-plans/${plan.id}`]] as const) {
      expect((await call(t.app, method, url, { ...otherCompany, body: {} })).status, url).toBe(404);
    }
    // A plan for another company's customer cannot even be created.
    const foreign = await call(t.app, 'POST', '/api/service-plans', { ...otherCompany, body: { customerId: w.household.customerId, locationId: w.household.locationId, categoryId: other.categoryId, frequency: { every: 1, unit: 'year' }, startDate: '2026-09-09' } });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details.fields[0].field).toBe('customerId');
    // Customers never reach the console's routes.
    expect((await call(t.app, 'GET', '/api/service-plans', customer())).status).toBe(403);
  });
});
