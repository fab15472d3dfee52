import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { travelSeconds } from '../../src/server/modules/scheduling/availability.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createWorld, type World } from '../helpers/world.js';
import { call } from '../helpers/http.js';

/**
 * Wed 14 Jan 2026 in America/Chicago (UTC−6): 08:00 local is 14:00Z. Two clusters of customers
 * 17 km apart; the day as booked sends everyone back and forth between them.
 */
const DATE = '2026-01-14';
const at = (localHour: number) => new Date(Date.UTC(2026, 0, 14, localHour + 6)).toISOString();
const WEST = { lat: 39.78, lng: -89.75 };
const EAST = { lat: 39.78, lng: -89.55 };
const DURATION = 45;
const BUFFER_MINUTES = 15;

interface Stop {
  appointmentId: string;
  jobId: string;
  fixed: boolean;
  arrivalAt: string;
  windowStart: string;
  windowEnd: string;
  durationMinutes: number;
  late: boolean;
}

describe('route optimisation: "Optimise day"', () => {
  let t: TestApp;
  let w: World;
  let kim: { id: string; cookie: string };
  const visits = new Map<string, { appointmentId: string; jobId: string; point: { lat: number; lng: number }; locationId: string; gas: boolean }>();
  const homes = new Map<string, { lat: number; lng: number }>();
  const dispatcher = () => ({ cookie: w.dispatcher.cookie });

  const book = async (name: string, point: { lat: number; lng: number }, categoryId: string, technicianId: string, fromHour: number, gas = false) => {
    const customer = await t.app.services.customers.create(w.companyId, {
      kind: 'household',
      name: `${name} household`,
      contacts: [{ name: `${name} Resident`, email: `${name.toLowerCase()}-${w.slug}@example.test` }],
      locations: [{ line1: `${name} Street`, city: 'Springfield', postalCode: '62701', country: 'US', lat: point.lat, lng: point.lng }],
    });
    const job = await call(t.app, 'POST', '/api/jobs', { ...dispatcher(), body: { customerId: customer.id, locationId: customer.locations[0]!.id, categoryId, priority: 'normal', description: `Service for ${name}` } });
    expect(job.status).toBe(201);
    const scheduled = await call(t.app, 'POST', `/api/jobs/${job.body.id}/schedule`, { ...dispatcher(), body: { technicianId, windowStart: at(fromHour), windowEnd: at(fromHour + 2), allowOverlap: true } });
    expect(scheduled.status).toBe(200);
    visits.set(name, { appointmentId: scheduled.body.visits[0].id, jobId: job.body.id, point, locationId: customer.locations[0]!.id, gas });
  };

  const preview = (body: Record<string, unknown> = {}, caller = dispatcher()) => call(t.app, 'POST', '/api/route-optimisation/preview', { ...caller, body: { date: DATE, timeLimitSeconds: 3, ...body } });
  const rescheduledMessages = async () =>
    (await t.db.selectFrom('outbox_messages').select(['job_id']).where('company_id', '=', w.companyId).where('template', '=', 'appointment_rescheduled').execute()).map((r) => r.job_id);

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t);
    const admin = { cookie: w.admin.cookie };
    const user = await t.app.services.accounts.createUser(w.companyId, { email: `kim-${w.slug}@acme.test`, name: 'Kim Spanner', role: 'technician', password: 'correct horse battery staple' });
    kim = { id: user.id, cookie: `arrivo_session=${(await t.app.services.accounts.createSession(w.companyId, 'user', user.id)).token}` };
    const profile = async (id: string, home: { lat: number; lng: number }, skills: string[]) => {
      homes.set(id, home);
      const answer = await call(t.app, 'PATCH', `/api/technicians/${id}/profile`, { ...admin, body: { skills, homeBase: { address: null, lat: home.lat, lng: home.lng } } });
      expect(answer.status).toBe(200);
    };
    await profile(w.technician.id, { lat: WEST.lat + 0.01, lng: WEST.lng }, []); // Alex
    await profile(w.otherTechnician.id, { lat: EAST.lat + 0.01, lng: EAST.lng }, ['gas']); // Sam
    await profile(kim.id, { lat: WEST.lat - 0.01, lng: WEST.lng }, []);
    // Kim works Wednesday mornings only.
    expect((await call(t.app, 'PUT', `/api/technicians/${kim.id}/working-hours`, { ...admin, body: { hours: [{ weekday: 3, start: '08:00', end: '12:00' }] } })).status).toBe(200);

    const plain = await t.app.services.categories.create(w.companyId, { name: 'Tune-up', defaultDurationMinutes: DURATION });
    const gas = await t.app.services.categories.create(w.companyId, { name: 'Gas safety check', defaultDurationMinutes: DURATION, requiredSkills: ['gas'] });
    const near = (p: { lat: number; lng: number }, k: number) => ({ lat: p.lat + 0.004 * k, lng: p.lng + 0.003 * k });
    // Crossed on purpose: westerners with the eastern technician and the other way round.
    await book('West1', near(WEST, 0), plain.id, w.otherTechnician.id, 8);
    await book('West2', near(WEST, 1), plain.id, kim.id, 10);
    await book('West3', near(WEST, 2), gas.id, w.technician.id, 12, true); // Alex lacks the skill: booked by hand
    await book('West4', near(WEST, 3), plain.id, w.otherTechnician.id, 14);
    await book('East1', near(EAST, 0), plain.id, w.technician.id, 8);
    await book('East2', near(EAST, 1), plain.id, kim.id, 12); // after Kim's hours
  });
  afterAll(() => t.close());

  /** Checks a proposed route independently of the solver: windows, hours, travel and buffers, home and back. */
  const assertFeasible = (technicianId: string, stops: Stop[], hours: { start: string; end: string }) => {
    const place = (stop: Stop) => {
      const visit = [...visits.values()].find((v) => v.appointmentId === stop.appointmentId)!;
      return { id: visit.locationId, point: visit.point };
    };
    const home = { id: `home:${technicianId}`, point: homes.get(technicianId)! };
    let free = Date.parse(hours.start);
    let previous: { id: string; point: { lat: number; lng: number } } = home;
    stops.forEach((stop, index) => {
      const arrival = Date.parse(stop.arrivalAt);
      const earliest = free + travelSeconds(previous, place(stop)) * 1000 + (index > 0 ? BUFFER_MINUTES * 60_000 : 0);
      expect(arrival, `${stop.appointmentId}: arrival reachable`).toBeGreaterThanOrEqual(earliest - 1000);
      expect(arrival).toBeGreaterThanOrEqual(Date.parse(stop.windowStart));
      expect(arrival).toBeLessThanOrEqual(Date.parse(stop.windowEnd));
      expect(stop.late).toBe(false);
      free = arrival + stop.durationMinutes * 60_000;
      previous = place(stop);
    });
    if (stops.length > 0) expect(free + travelSeconds(previous, home) * 1000).toBeLessThanOrEqual(Date.parse(hours.end));
  };

  it('proposes fewer technicians and less travel, keeping every window, working hour and skill', async () => {
    const answer = await preview();
    expect(answer.status).toBe(200);
    const plan = answer.body;
    expect(plan.date).toBe(DATE);
    expect(plan.technicians.map((x: { id: string }) => x.id).sort()).toEqual([w.technician.id, w.otherTechnician.id, kim.id].sort());
    expect(plan.totals.before.techniciansUsed).toBe(3);
    expect(plan.totals.after.techniciansUsed).toBeLessThan(plan.totals.before.techniciansUsed);
    expect(plan.totals.after.travelMinutes).toBeLessThan(plan.totals.before.travelMinutes);
    expect(plan.totals.after.travelKm).toBeLessThan(plan.totals.before.travelKm);
    expect(plan.totals.travelSavingPercent).toBeGreaterThan(0);
    // The day as booked is shown as it is: Kim's afternoon visit is after her hours but in its window.
    expect(plan.unplaced).toEqual([]);

    const placed = plan.technicians.flatMap((x: { id: string; after: { stops: Stop[] } }) => x.after.stops.map((s) => ({ technicianId: x.id, ...s })));
    expect(placed.map((s: Stop) => s.appointmentId).sort()).toEqual([...visits.values()].map((v) => v.appointmentId).sort());
    for (const technician of plan.technicians as { id: string; after: { stops: Stop[] } }[]) {
      const hours = technician.id === kim.id ? { start: at(8), end: at(12) } : { start: at(8), end: at(17) };
      assertFeasible(technician.id, technician.after.stops, hours);
      for (const stop of technician.after.stops) {
        const original = [...visits.values()].find((v) => v.appointmentId === stop.appointmentId)!;
        if (original.gas) expect(technician.id, 'the gas check goes to the technician with the skill').toBe(w.otherTechnician.id);
      }
    }
    // Windows are kept by default; every change is a change of technician, listed with both names.
    expect(plan.changes.length).toBeGreaterThan(0);
    for (const change of plan.changes) {
      expect(change.windowChanged).toBe(false);
      expect(change.technicianChanged).toBe(true);
      expect(change.toWindow).toEqual(change.fromWindow);
    }
    const gasChange = plan.changes.find((c: { appointmentId: string }) => c.appointmentId === visits.get('West3')!.appointmentId);
    expect(gasChange).toMatchObject({ fromTechnician: { id: w.technician.id, name: 'Alex Fixer' }, toTechnician: { id: w.otherTechnician.id, name: 'Sam Wrench' } });
  });

  it('applies only an unchanged day: 409 PLAN_OUT_OF_DATE once a visit moved since the preview', async () => {
    const stale = await preview();
    const east1 = visits.get('East1')!;
    const moved = await call(t.app, 'POST', `/api/jobs/${east1.jobId}/reschedule`, { ...dispatcher(), body: { windowStart: at(9), windowEnd: at(11), allowOverlap: true } });
    expect(moved.status).toBe(200);
    const answer = await call(t.app, 'POST', '/api/route-optimisation/apply', { ...dispatcher(), body: { date: DATE, planId: stale.body.planId } });
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('PLAN_OUT_OF_DATE');
    // Nothing was applied.
    const visit = await t.db.selectFrom('appointments').select(['technician_id']).where('id', '=', visits.get('West3')!.appointmentId).executeTakeFirstOrThrow();
    expect(visit.technician_id).toBe(w.technician.id);
  });

  it('applies in one transaction: reassigns, stores planned arrivals, records the timeline and notifies exactly the customers concerned', async () => {
    const plan = (await preview()).body;
    const before = await rescheduledMessages();
    const answer = await call(t.app, 'POST', '/api/route-optimisation/apply', { ...dispatcher(), body: { date: DATE, planId: plan.planId } });
    expect(answer.status).toBe(200);
    const changedJobs = plan.changes.map((c: { jobId: string }) => c.jobId).sort();
    expect(answer.body.changedVisits).toBe(plan.changes.length);
    expect([...answer.body.notifiedJobs].sort()).toEqual(changedJobs);

    for (const technician of plan.technicians as { id: string; after: { stops: Stop[] } }[]) {
      for (const [index, stop] of technician.after.stops.entries()) {
        const row = await t.db.selectFrom('appointments').select(['technician_id', 'window_start', 'window_end']).where('id', '=', stop.appointmentId).executeTakeFirstOrThrow();
        expect(row.technician_id).toBe(technician.id);
        expect(new Date(row.window_start).toISOString()).toBe(stop.windowStart);
        const planned = await t.db.selectFrom('planned_stops').selectAll().where('appointment_id', '=', stop.appointmentId).executeTakeFirstOrThrow();
        expect(planned.route_position).toBe(index + 1);
        expect(new Date(planned.planned_arrival_at).toISOString()).toBe(stop.arrivalAt);
      }
    }
    // Each technician's day follows the planned order.
    const cookies = new Map([
      [w.technician.id, w.technician.cookie],
      [w.otherTechnician.id, w.otherTechnician.cookie],
      [kim.id, kim.cookie],
    ]);
    for (const technician of plan.technicians as { id: string; after: { stops: Stop[] } }[]) {
      const day = await call(t.app, 'GET', `/api/technician/appointments?date=${DATE}`, { cookie: cookies.get(technician.id)! });
      expect(day.body.items.map((a: { id: string }) => a.id)).toEqual(technician.after.stops.map((s) => s.appointmentId));
    }
    // One new "rescheduled" message per changed job (to its contact), none for the others.
    const after = await rescheduledMessages();
    const added = after.slice();
    for (const jobId of before) added.splice(added.indexOf(jobId), 1);
    expect([...new Set(added)].sort()).toEqual(changedJobs);
    // The customer sees the change on the job's timeline.
    const staffView = await call(t.app, 'GET', `/api/jobs/${changedJobs[0]}`, dispatcher());
    const entry = staffView.body.timeline.find((e: { type: string; data: { reason?: string } }) => e.type === 'job.rescheduled' && e.data.reason === 'Route optimisation');
    expect(entry).toBeDefined();

    const again = await call(t.app, 'POST', '/api/route-optimisation/apply', { ...dispatcher(), body: { date: DATE, planId: plan.planId } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('PLAN_ALREADY_APPLIED');
    // Optimising the optimised day changes nothing more.
    const settled = (await preview()).body;
    expect(settled.totals.after.techniciansUsed).toBe(settled.totals.before.techniciansUsed);
    expect(settled.totals.after.travelMinutes).toBeLessThanOrEqual(settled.totals.before.travelMinutes);
  });

  it('with window changes allowed, every visit is promised a window of the grid that contains its arrival', async () => {
    const answer = await preview({ allowWindowChanges: true });
    expect(answer.status).toBe(200);
    for (const technician of answer.body.technicians as { after: { stops: Stop[] } }[]) {
      for (const stop of technician.after.stops) {
        expect(Date.parse(stop.arrivalAt)).toBeGreaterThanOrEqual(Date.parse(stop.windowStart));
        expect(Date.parse(stop.arrivalAt)).toBeLessThanOrEqual(Date.parse(stop.windowEnd));
        expect(Date.parse(stop.windowEnd) - Date.parse(stop.windowStart)).toBe(2 * 3_600_000);
      }
    }
    for (const change of answer.body.changes) expect(change.windowChanged || change.technicianChanged).toBe(true);
  });

  it('names visits it cannot place, and why', async () => {
    const nobody = await t.app.services.categories.create(w.companyId, { name: 'Boiler replacement', defaultDurationMinutes: 120, requiredSkills: ['boilers'] });
    const customer = await t.app.services.customers.create(w.companyId, { kind: 'household', name: 'Late household', contacts: [{ name: 'Lee', email: `lee-${w.slug}@example.test` }], locations: [{ line1: '1 Far Road', city: 'Springfield', postalCode: '62701', country: 'US', lat: 39.9, lng: -89.6 }] });
    const job = await call(t.app, 'POST', '/api/jobs', { ...dispatcher(), body: { customerId: customer.id, locationId: customer.locations[0]!.id, categoryId: nobody.id, priority: 'normal', description: 'New boiler' } });
    await call(t.app, 'POST', `/api/jobs/${job.body.id}/schedule`, { ...dispatcher(), body: { technicianId: w.technician.id, windowStart: at(10), windowEnd: at(12), allowOverlap: true } });
    const answer = await preview();
    expect(answer.body.unplaced).toEqual([expect.objectContaining({ jobId: job.body.id, reason: 'no_qualified_technician', technician: { id: w.technician.id, name: 'Alex Fixer' } })]);
    expect(answer.body.changes.map((c: { jobId: string }) => c.jobId)).not.toContain(job.body.id);
  });

  it('is for dispatchers and admins of the company only; another company’s day is never included', async () => {
    expect((await preview({}, { cookie: w.technician.cookie })).status).toBe(403);
    const plan = (await preview({}, { cookie: w.admin.cookie })).body;
    expect((await call(t.app, 'POST', '/api/route-optimisation/apply', { cookie: w.technician.cookie, body: { date: DATE, planId: plan.planId } })).status).toBe(403);

    const rival = await createWorld(t, 'rival');
    const rivalJob = await call(t.app, 'POST', '/api/jobs', { cookie: rival.dispatcher.cookie, body: { customerId: rival.household.customerId, locationId: rival.household.locationId, categoryId: rival.categoryId, priority: 'normal', description: 'Rival visit' } });
    await call(t.app, 'POST', `/api/jobs/${rivalJob.body.id}/schedule`, { cookie: rival.dispatcher.cookie, body: { technicianId: rival.technician.id, windowStart: at(8), windowEnd: at(10) } });
    const ours = (await preview()).body;
    const ids = ours.technicians.flatMap((x: { id: string; before: { stops: Stop[] } }) => [x.id, ...x.before.stops.map((s) => s.jobId)]);
    expect(ids).not.toContain(rival.technician.id);
    expect(ids).not.toContain(rivalJob.body.id);
    const theirs = (await call(t.app, 'POST', '/api/route-optimisation/preview', { cookie: rival.dispatcher.cookie, body: { date: DATE } })).body;
    expect(theirs.technicians.flatMap((x: { before: { stops: Stop[] } }) => x.before.stops.map((s) => s.jobId))).toEqual([rivalJob.body.id]);
    // Their dispatcher cannot apply our plan, nor ask for our technicians.
    const foreign = await call(t.app, 'POST', '/api/route-optimisation/apply', { cookie: rival.dispatcher.cookie, body: { date: DATE, planId: ours.planId } });
    expect(foreign.status).toBe(404);
    const scoped = await call(t.app, 'POST', '/api/route-optimisation/preview', { cookie: rival.dispatcher.cookie, body: { date: DATE, technicianIds: [w.technician.id] } });
    expect(scoped.status).toBe(400);
    expect(scoped.body.error.details.fields[0].field).toBe('technicianIds');
  });

  it('rejects bad input naming the field', async () => {
    const bad = await call(t.app, 'POST', '/api/route-optimisation/preview', { ...dispatcher(), body: { date: '14/01/2026' } });
    expect(bad.status).toBe(400);
    const tooLong = await preview({ timeLimitSeconds: 600 });
    expect(tooLong.status).toBe(400);
    const missing = await call(t.app, 'POST', '/api/route-optimisation/apply', { ...dispatcher(), body: { date: DATE, planId: '0193a6f2-8c1e-7a3b-9f10-2b6c1d4e5f60' } });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('PLAN_NOT_FOUND');
  });
});
