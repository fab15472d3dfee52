import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DomainEvent } from '../../src/server/lib/events.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createWorld, jobLinkCookie, WINDOWS, type World } from '../helpers/world.js';
import { call } from '../helpers/http.js';
import { baseOf, openStream } from '../helpers/sse.js';
import { TEST_REDIS_URL } from '../helpers/redis.js';

/** The household's address in the world (12 Elm Street, Springfield). */
const HOME = { lat: 39.7817, lng: -89.6501 };
/** A point `meters` due south of the address. */
const south = (meters: number) => ({ lat: HOME.lat - meters / 111_195, lng: HOME.lng });

async function scheduledVisit(t: TestApp, w: World, technicianId: string, window: { windowStart: string; windowEnd: string }, customer: 'household' | 'organisation' = 'household') {
  const body =
    customer === 'household'
      ? { customerId: w.household.customerId, locationId: w.household.locationId }
      : { customerId: w.organisation.customerId, locationId: w.organisation.locationIds[0], contactIds: [w.organisation.member.id] };
  const created = await call(t.app, 'POST', '/api/jobs', { cookie: w.dispatcher.cookie, body: { ...body, categoryId: w.categoryId, priority: 'normal', description: 'No heating' } });
  expect(created.status).toBe(201);
  const scheduled = await call(t.app, 'POST', `/api/jobs/${created.body.id}/schedule`, { cookie: w.dispatcher.cookie, body: { technicianId, ...window } });
  expect(scheduled.status).toBe(200);
  return { jobId: created.body.id as string, visitId: scheduled.body.visits[0].id as string };
}

describe('live tracking', () => {
  let t: TestApp;
  let w: World;
  let job: { jobId: string; visitId: string };
  let other: { jobId: string; visitId: string };
  const events: DomainEvent[] = [];
  const tech = () => ({ cookie: w.technician.cookie });
  const at = (secondsAgo: number) => new Date(t.clock.now().getTime() - secondsAgo * 1000).toISOString();
  const post = (points: unknown[], caller = tech(), extra: Record<string, unknown> = {}) => call(t.app, 'POST', '/api/technician/location', { ...caller, body: { points, ...extra } });
  const customerView = (cookie = w.household.contact.cookie, jobId = job.jobId) => call(t.app, 'GET', `/api/portal/jobs/${jobId}`, { cookie });

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t);
    t.app.bus.subscribe('*', (event) => void events.push(event));
    job = await scheduledVisit(t, w, w.technician.id, WINDOWS.tomorrowMorning);
    // The organisation's job: another job, with its own contact, driven to by the other technician.
    other = await scheduledVisit(t, w, w.otherTechnician.id, WINDOWS.tomorrowMorning, 'organisation');
    t.clock.set('2026-01-14T14:05:00.000Z');
  });
  afterAll(() => t.close());

  it('refuses points while the technician is not on the way (409), and a body that is not a batch (400)', async () => {
    const early = await post([{ at: at(5), ...south(5000), accuracy: 10 }]);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('NOT_EN_ROUTE');
    expect((await post([])).status).toBe(400);
    const bad = await call(t.app, 'POST', '/api/technician/location', { ...tech(), body: { points: [{ at: 'yesterday', lat: 1, lng: 2, accuracy: 5 }] } });
    expect(bad.status).toBe(400);
    expect((await call(t.app, 'GET', `/api/portal/jobs/${job.jobId}`, { cookie: w.household.contact.cookie })).body.tracking).toBeNull();
  });

  it('accepts good points and rejects each bad one with its reason', async () => {
    expect((await call(t.app, 'POST', `/api/technician/appointments/${job.visitId}/on-my-way`, tech())).status).toBe(200);
    events.length = 0;
    const answer = await post([
      { at: at(60), ...south(5200), accuracy: 12, speed: 11, heading: 0 },
      { at: at(180), ...south(5100), accuracy: 12 }, // stale: three minutes old
      { at: new Date(t.clock.now().getTime() + 60_000).toISOString(), ...south(5100), accuracy: 12 }, // a minute in the future
      { at: at(90), ...south(5100), accuracy: 12 }, // before the point already accepted
      { at: at(50), ...south(50_000), accuracy: 12 }, // 45 km in ten seconds
      { at: at(45), ...south(5100), accuracy: 1500 }, // worse than 1 km
      { at: at(40), lat: 95, lng: HOME.lng, accuracy: 12 }, // no such latitude
      { at: at(30), ...south(5000), accuracy: 8, speed: 12, heading: 2 },
    ]);
    expect(answer.status).toBe(200);
    expect(answer.body.accepted).toBe(2);
    expect(answer.body.rejected).toEqual([
      { index: 1, reason: 'stale' },
      { index: 2, reason: 'in_future' },
      { index: 3, reason: 'out_of_order' },
      { index: 4, reason: 'implausible_speed' },
      { index: 5, reason: 'implausible_accuracy' },
      { index: 6, reason: 'implausible_coordinates' },
    ]);
    // 5 km as the crow flies across town: about a quarter of an hour.
    expect(answer.body.eta.minutes).toBeGreaterThanOrEqual(12);
    expect(answer.body.eta.minutes).toBeLessThanOrEqual(20);
    expect(answer.body.arriving).toBe(false);

    // One tracking.location event for the batch, with the newest point, after the commit.
    const location = events.filter((e) => e.type === 'tracking.location');
    expect(location).toHaveLength(1);
    expect(location[0]).toMatchObject({ companyId: w.companyId, jobId: job.jobId, actor: { kind: 'user', id: w.technician.id } });
    expect(location[0]!.data).toMatchObject({ jobId: job.jobId, appointmentId: job.visitId, technicianId: w.technician.id, accuracy: 8, speed: 12, heading: 2, at: at(30), eta: answer.body.eta, arriving: false });

    // A batch with nothing good changes nothing and publishes nothing.
    const none = await post([{ at: at(10), ...south(5000), accuracy: 5000 }]);
    expect(none.body).toMatchObject({ accepted: 0, rejected: [{ index: 0, reason: 'implausible_accuracy' }], eta: answer.body.eta });
    expect(events.filter((e) => e.type === 'tracking.location')).toHaveLength(1);
  });

  it('shows the customer the position and an ETA that falls steadily as the technician approaches', async () => {
    const minutes: number[] = [];
    const arrivals: number[] = [];
    // Closing 500 m (straight line) per minute, about 30 km/h: points every 20 seconds, posted each minute.
    for (let minute = 1; minute <= 8; minute++) {
      t.clock.advance(60_000);
      const remaining = 5000 - minute * 500;
      const answer = await post([
        { at: at(40), ...south(remaining + 333), accuracy: 10 },
        { at: at(20), ...south(remaining + 167), accuracy: 10 },
        { at: at(0), ...south(remaining), accuracy: 10 },
      ]);
      expect(answer.status).toBe(200);
      expect(answer.body.accepted).toBe(3);
      minutes.push(answer.body.eta.minutes);
      arrivals.push(Date.parse(answer.body.eta.arrivalAt));
    }
    for (let i = 1; i < minutes.length; i++) expect(minutes[i]).toBeLessThanOrEqual(minutes[i - 1]!);
    expect(minutes.at(-1)!).toBeLessThan(minutes[0]!);
    // The arrival instant itself hardly moves on a steady trip (no jumping back and forth).
    expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeLessThan(6 * 60_000);

    const view = await customerView();
    expect(view.status).toBe(200);
    expect(view.body.tracking).toMatchObject({ ...south(1000), accuracy: 10, heading: null, at: at(0), arriving: false, eta: { minutes: minutes.at(-1) } });
    const link = await jobLinkCookie(t, w, job.jobId, w.household.contact.id);
    expect((await customerView(link.cookie)).body.tracking).toMatchObject({ at: at(0) });
  });

  it('says "arriving" within about 150 m of the address', async () => {
    t.clock.advance(60_000);
    const near = await post([
      { at: at(30), ...south(400), accuracy: 10 },
      { at: at(0), ...south(100), accuracy: 10 },
    ]);
    expect(near.body.arriving).toBe(true);
    expect(near.body.eta.minutes).toBeLessThanOrEqual(3);
    expect((await customerView()).body.tracking.arriving).toBe(true);
  });

  it('never shows the position to a foreign contact, another job’s contact or another company', async () => {
    // A contact of another customer is not on the job at all.
    expect((await customerView(w.organisation.member.cookie)).status).toBe(404);
    // The organisation member's own job is en route too, but with another technician and no position.
    expect((await call(t.app, 'POST', `/api/technician/appointments/${other.visitId}/on-my-way`, { cookie: w.otherTechnician.cookie })).status).toBe(200);
    const theirs = await customerView(w.organisation.member.cookie, other.jobId);
    expect(theirs.status).toBe(200);
    expect(theirs.body.tracking).toBeNull();
    // Another company: neither the job nor the map.
    const rival = await createWorld(t, 'rival');
    expect((await customerView(rival.household.contact.cookie)).status).toBe(404);
    expect((await call(t.app, 'GET', '/api/tracking/technicians', { cookie: rival.dispatcher.cookie })).body.items).toEqual([]);
    // The map is for the office only.
    expect((await call(t.app, 'GET', '/api/tracking/technicians', { cookie: w.household.contact.cookie })).status).toBe(403);
    expect((await call(t.app, 'GET', '/api/tracking/technicians', tech())).status).toBe(403);
  });

  it('shows the office each technician’s position with the job they are driving to', async () => {
    const map = await call(t.app, 'GET', '/api/tracking/technicians', { cookie: w.dispatcher.cookie });
    expect(map.status).toBe(200);
    expect(map.body.items).toEqual([
      expect.objectContaining({
        technicianId: w.technician.id,
        name: 'Alex Fixer',
        ...south(100),
        job: expect.objectContaining({ id: job.jobId, status: 'en_route', customerName: 'García household', address: expect.stringContaining('12 Elm Street'), lat: HOME.lat, lng: HOME.lng, eta: expect.objectContaining({ minutes: expect.any(Number) }) }),
      }),
    ]);
  });

  it('a technician cannot post for someone else’s visit', async () => {
    const someoneElses = await post([{ at: at(1), ...south(300), accuracy: 10 }], { cookie: w.otherTechnician.cookie }, { appointmentId: job.visitId });
    expect(someoneElses.status).toBe(404);
    expect(someoneElses.body.error.code).toBe('APPOINTMENT_NOT_FOUND');
    // Their own trip goes to their own job only: the household's job still shows Alex's position.
    const own = await post([{ at: at(1), ...south(20_000), accuracy: 10 }], { cookie: w.otherTechnician.cookie });
    expect(own.status).toBe(200);
    expect((await customerView()).body.tracking).toMatchObject(south(100));
    const rival = await createWorld(t, 'rival2');
    expect((await post([{ at: at(1), ...south(300), accuracy: 10 }], { cookie: rival.technician.cookie }, { appointmentId: job.visitId })).status).toBe(404);
  });

  it('records "running late" once, on the customer’s timeline, when the ETA passes the end of the window', async () => {
    // A short window that ends at 14:30; at 14:20 the technician is 30 km out.
    const late = await scheduledVisit(t, w, w.otherTechnician.id, { windowStart: '2026-01-14T14:00:00.000Z', windowEnd: '2026-01-14T14:30:00.000Z' });
    // The other technician is still driving to the organisation: finish that trip first.
    expect((await call(t.app, 'POST', `/api/technician/appointments/${other.visitId}/start`, { cookie: w.otherTechnician.cookie })).status).toBe(200);
    expect((await call(t.app, 'POST', `/api/technician/appointments/${late.visitId}/on-my-way`, { cookie: w.otherTechnician.cookie })).status).toBe(200);
    t.clock.advance(10 * 60_000);
    events.length = 0;
    const first = await post([{ at: at(2), ...south(30_000), accuracy: 10 }], { cookie: w.otherTechnician.cookie }, { appointmentId: late.visitId });
    expect(first.status).toBe(200);
    expect(Date.parse(first.body.eta.arrivalAt)).toBeGreaterThan(Date.parse('2026-01-14T14:30:00.000Z'));
    t.clock.advance(30_000);
    const second = await post([{ at: at(2), ...south(29_800), accuracy: 10 }], { cookie: w.otherTechnician.cookie }, { appointmentId: late.visitId });
    expect(second.status).toBe(200);

    const lateEvents = events.filter((e) => e.type === 'job.running_late');
    expect(lateEvents).toHaveLength(1);
    expect(lateEvents[0]).toMatchObject({ jobId: late.jobId, data: { visitNumber: 1, windowEnd: '2026-01-14T14:30:00.000Z', etaAt: first.body.eta.arrivalAt, technicianName: 'Sam Wrench' } });
    const timeline = (await call(t.app, 'GET', `/api/portal/jobs/${late.jobId}`, { cookie: w.household.contact.cookie })).body.timeline;
    expect(timeline.filter((e: { type: string }) => e.type === 'job.running_late')).toEqual([expect.objectContaining({ visibility: 'customer', data: expect.objectContaining({ etaAt: first.body.eta.arrivalAt }) })]);
    // The notification planner picked it up with the running_late template and a readable time.
    const planned = await t.db.selectFrom('outbox_messages').select(['template', 'variables']).where('job_id', '=', late.jobId).where('template', '=', 'running_late').execute();
    expect(planned.length).toBeGreaterThan(0);
    expect(JSON.parse(planned[0]!.variables).values.eta).toMatch(/\d:\d\d/);
  });

  it('once the visit starts the position is gone: not shown, not kept, no more points taken', async () => {
    expect((await call(t.app, 'POST', `/api/technician/appointments/${job.visitId}/start`, tech())).status).toBe(200);
    expect((await customerView()).body.tracking).toBeNull();
    const link = await jobLinkCookie(t, w, job.jobId, w.household.contact.id);
    expect((await customerView(link.cookie)).body.tracking).toBeNull();
    expect(await t.db.selectFrom('trip_points').select('id').where('appointment_id', '=', job.visitId).execute()).toEqual([]);
    expect(await t.db.selectFrom('trip_etas').select('appointment_id').where('appointment_id', '=', job.visitId).execute()).toEqual([]);
    const position = await t.db.selectFrom('technician_positions').selectAll().where('technician_id', '=', w.technician.id).executeTakeFirst();
    expect(position?.appointment_id ?? null).toBeNull();
    const after = await post([{ at: at(1), ...south(10), accuracy: 10 }]);
    expect(after.status).toBe(409);
    expect(after.body.error.code).toBe('NOT_EN_ROUTE');
    // The office still sees where the technician is, now at work on the job.
    const map = await call(t.app, 'GET', '/api/tracking/technicians', { cookie: w.dispatcher.cookie });
    expect(map.body.items.find((i: { technicianId: string }) => i.technicianId === w.technician.id).job).toMatchObject({ id: job.jobId, status: 'in_progress', eta: null });
  });
});

describe('live tracking with a routing service', () => {
  let t: TestApp;
  let w: World;
  let server: http.Server;
  const asked: string[] = [];
  beforeAll(async () => {
    server = http.createServer((request, response) => {
      asked.push(request.url ?? '');
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ code: 'Ok', routes: [{ duration: 1800, distance: 9000 }] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    t = await createTestApp({ env: { ROUTING_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}` } });
    w = await createWorld(t);
    t.clock.set('2026-01-13T09:00:00.000Z');
  });
  afterAll(async () => {
    await t.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('takes the travel time from the routing service (OSRM’s /route/v1/driving)', async () => {
    const { visitId } = await scheduledVisit(t, w, w.technician.id, WINDOWS.tomorrowMorning);
    t.clock.set('2026-01-14T14:05:00.000Z');
    await call(t.app, 'POST', `/api/technician/appointments/${visitId}/on-my-way`, { cookie: w.technician.cookie });
    const answer = await call(t.app, 'POST', '/api/technician/location', { cookie: w.technician.cookie, body: { points: [{ at: '2026-01-14T14:05:00.000Z', ...south(5000), accuracy: 10 }] } });
    expect(answer.status).toBe(200);
    // 30 minutes of driving and a minute to park, where the model alone says about 16.
    expect(answer.body.eta.minutes).toBe(31);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toBe(`/route/v1/driving/-89.650100,${south(5000).lat.toFixed(6)};-89.650100,39.781700?overview=false`);
  });
});

describe.each([
  { fanOut: 'LISTEN/NOTIFY', env: {} as Record<string, string> },
  { fanOut: 'Redis pub/sub', env: { REDIS_URL: TEST_REDIS_URL } },
])('live tracking across instances ($fanOut)', ({ env }) => {
  it('on PostgreSQL, a location posted to one instance reaches the customer watching on another', async (context) => {
    if (inject('databaseUrl') === undefined) context.skip();
    const a = await createTestApp({ env });
    // A second instance on the same database, as behind a load balancer.
    const b = await createTestApp({ env });
    try {
      await b.app.listen({ port: 0, host: '127.0.0.1' });
      const w = await createWorld(a, 'fanout');
      const { jobId, visitId } = await scheduledVisit(a, w, w.technician.id, WINDOWS.tomorrowMorning);
      for (const app of [a, b]) app.clock.set('2026-01-14T14:05:00.000Z');
      expect((await call(a.app, 'POST', `/api/technician/appointments/${visitId}/on-my-way`, { cookie: w.technician.cookie })).status).toBe(200);
      const link = (await jobLinkCookie(a, w, jobId, w.household.contact.id)).cookie;
      const page = await openStream(baseOf(b), `/api/portal/jobs/${jobId}/events`, { cookie: link });
      try {
        await page.waitFor((m) => m.retry === '3000');
        const posted = await call(a.app, 'POST', '/api/technician/location', { cookie: w.technician.cookie, body: { points: [{ at: '2026-01-14T14:04:58.000Z', ...south(3000), accuracy: 10 }] } });
        expect(posted.status).toBe(200);
        expect(posted.body.accepted).toBe(1);
        const event = await page.waitFor((m) => m.event === 'location', 1000);
        expect(event.data).toMatchObject({ jobId, appointmentId: visitId, lat: south(3000).lat, lng: HOME.lng });
        expect(event.data.eta.minutes).toBeGreaterThan(0);
      } finally {
        page.close();
      }
    } finally {
      await b.close();
      await a.close();
    }
  });
});
