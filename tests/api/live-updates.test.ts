import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DomainEvent } from '../../src/server/lib/events.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createWorld, jobLinkCookie, WINDOWS, type World } from '../helpers/world.js';
import { call } from '../helpers/http.js';
import { baseOf, openStream, sleep, type OpenStream, type SseMessage } from '../helpers/sse.js';
import { connectTestRedis, TEST_REDIS_URL } from '../helpers/redis.js';
import { redisChannelFor } from '../../src/server/modules/live-updates/live-updates.service.js';

describe('live updates (Server-Sent Events)', () => {
  let t: TestApp;
  let w: World;
  let other: World;
  let base: string;
  let jobId: string;
  let visitId: string;
  let otherJobId: string;
  let link: string;
  let otherLink: string;
  const streams: OpenStream[] = [];
  const open = async (path: string, options: Parameters<typeof openStream>[2]) => {
    const stream = await openStream(base, path, options);
    streams.push(stream);
    return stream;
  };

  const newJob = async (description: string) => {
    const created = await call(t.app, 'POST', '/api/jobs', {
      cookie: w.dispatcher.cookie,
      body: { customerId: w.household.customerId, locationId: w.household.locationId, categoryId: w.categoryId, priority: 'normal', description },
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };

  /** A position as the tracking module records it: the event dispatched in a transaction, published after it. */
  const location = async (at: string, lat = 30.27) => {
    const event: DomainEvent = {
      type: 'tracking.location',
      companyId: w.companyId,
      jobId,
      actor: { kind: 'user', id: w.technician.id, name: w.technician.name },
      occurredAt: at,
      data: { jobId, appointmentId: visitId, technicianId: w.technician.id, lat, lng: -97.74, accuracy: 12, heading: null, speed: null, at, eta: { arrivalAt: '2026-01-14T14:30:00.000Z', minutes: 20 }, arriving: false },
    };
    await t.db.transaction().execute((trx) => t.app.bus.dispatchInTransaction(trx, event));
    await t.app.bus.publish(event);
  };

  beforeAll(async () => {
    t = await createTestApp();
    t.app.services.liveUpdates.heartbeatMs = 200;
    w = await createWorld(t);
    other = await createWorld(t, 'other');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = baseOf(t);
    jobId = await newJob('Boiler makes a noise');
    otherJobId = await newJob('Tap drips');
    link = (await jobLinkCookie(t, w, jobId, w.household.contact.id)).cookie;
    otherLink = (await jobLinkCookie(t, w, otherJobId, w.household.contact.id)).cookie;
  });
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await t.close();
  });

  it('answers as an event stream: the headers proxies need, the retry delay, then heartbeats', async () => {
    const board = await open('/api/events', { cookie: w.dispatcher.cookie });
    expect(board.status).toBe(200);
    expect(board.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(board.headers['cache-control']).toMatch(/no-cache/);
    expect(board.headers['x-accel-buffering']).toBe('no');
    await board.waitFor((m) => m.retry === '3000');
    expect(board.messages[0]).toEqual({ retry: '3000' });
    await board.waitFor((m) => m.comment === 'heartbeat');
    expect(t.app.services.liveUpdates.openStreams).toBe(1);
    // A client that goes away is forgotten at once.
    board.close();
    for (let i = 0; i < 100 && t.app.services.liveUpdates.openStreams > 0; i++) await sleep(10);
    expect(t.app.services.liveUpdates.openStreams).toBe(0);
  });

  it('refuses a caller that does not ask for an event stream (406) instead of answering forever', async () => {
    const answer = await call(t.app, 'GET', '/api/events', { cookie: w.dispatcher.cookie });
    expect(answer.status).toBe(406);
    expect(answer.body.error.code).toBe('NOT_ACCEPTABLE');
    const json = await open('/api/events', { cookie: w.dispatcher.cookie, accept: 'application/json' });
    expect(json.status).toBe(406);
  });

  it("a job step reaches the board, the job's page and its technician within a second; nobody else gets it", async () => {
    const board = await open('/api/events', { cookie: w.dispatcher.cookie });
    const page = await open(`/api/portal/jobs/${jobId}/events`, { cookie: link });
    const otherPage = await open(`/api/portal/jobs/${otherJobId}/events`, { cookie: otherLink });
    const technician = await open('/api/technician/events', { cookie: w.technician.cookie });
    const otherTechnician = await open('/api/technician/events', { cookie: w.otherTechnician.cookie });
    const otherCompany = await open('/api/events', { cookie: other.dispatcher.cookie });
    await Promise.all([board, page, otherPage, technician, otherTechnician, otherCompany].map((s) => s.waitFor((m) => m.retry === '3000')));

    const started = Date.now();
    const scheduled = await call(t.app, 'POST', `/api/jobs/${jobId}/schedule`, { cookie: w.dispatcher.cookie, body: { technicianId: w.technician.id, ...WINDOWS.tomorrowMorning } });
    expect(scheduled.status).toBe(200);
    visitId = scheduled.body.visits[0].id;
    const isScheduled = (m: SseMessage) => m.event === 'job' && m.data.jobId === jobId && m.data.type === 'job.scheduled';
    for (const stream of [board, page, technician]) await stream.waitFor(isScheduled, 1000);
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await page.waitFor(isScheduled)).data).toEqual({ jobId, type: 'job.scheduled', status: 'scheduled', at: expect.any(String) });
    expect(Number((await page.waitFor(isScheduled)).id)).toBeGreaterThan(0);

    await sleep(300);
    expect(otherPage.events()).toEqual([]);
    expect(otherTechnician.events()).toEqual([]);
    expect(otherCompany.events()).toEqual([]);
  });

  it("a contact cannot open another job's stream, nor a contact of another customer", async () => {
    const wrongJob = await open(`/api/portal/jobs/${jobId}/events`, { cookie: otherLink });
    expect(wrongJob.status).toBe(404);
    const stranger = await open(`/api/portal/jobs/${jobId}/events`, { cookie: w.organisation.member.cookie });
    expect(stranger.status).toBe(404);
    const otherCompanyContact = await open(`/api/portal/jobs/${jobId}/events`, { cookie: other.household.contact.cookie });
    expect(otherCompanyContact.status).toBe(404);
  });

  it('a client that reconnects with Last-Event-ID gets what it missed, then what follows', async () => {
    const board = await open('/api/events', { cookie: w.dispatcher.cookie });
    const page = await open(`/api/portal/jobs/${jobId}/events`, { cookie: link });
    const note = await call(t.app, 'POST', `/api/jobs/${jobId}/notes`, { cookie: w.dispatcher.cookie, body: { text: 'Bring the long ladder.', visibility: 'customer' } });
    expect(note.status).toBe(200);
    const seenByBoard = (await board.waitFor((m) => m.data?.type === 'job.note_added')).id!;
    const seenByPage = (await page.waitFor((m) => m.data?.type === 'job.note_added')).id!;
    board.close();
    page.close();
    await sleep(50);

    // While they are away: the technician sets off, and a second note.
    t.clock.set('2026-01-14T14:05:00.000Z');
    expect((await call(t.app, 'POST', `/api/technician/appointments/${visitId}/on-my-way`, { cookie: w.technician.cookie })).status).toBe(200);
    await call(t.app, 'POST', `/api/jobs/${jobId}/notes`, { cookie: w.dispatcher.cookie, body: { text: 'Gate code 1234.', visibility: 'customer' } });
    const missed = await t.db.selectFrom('live_events').select(['id', 'payload']).where('job_id', '=', jobId).where('kind', '=', 'job').where('id', '>', Number(seenByBoard)).orderBy('id').execute();
    expect(missed.length).toBe(2);

    const resumedBoard = await open('/api/events', { cookie: w.dispatcher.cookie, lastEventId: seenByBoard });
    const resumedPage = await open(`/api/portal/jobs/${jobId}/events`, { cookie: link, lastEventId: seenByPage });
    for (const stream of [resumedBoard, resumedPage]) {
      for (const row of missed) await stream.waitFor((m) => m.id === String(row.id));
      const types = stream.events().filter((m) => m.data.jobId === jobId && Number(m.id) > Number(seenByBoard)).map((m) => m.data.type);
      expect(types).toEqual(['job.en_route', 'job.note_added']);
    }
    // Without Last-Event-ID a stream starts from now.
    const fresh = await open('/api/events', { cookie: w.dispatcher.cookie });
    await fresh.waitFor((m) => m.retry === '3000');
    await sleep(100);
    expect(fresh.events()).toEqual([]);

    // And the resumed streams carry on live.
    await call(t.app, 'POST', `/api/jobs/${jobId}/notes`, { cookie: w.dispatcher.cookie, body: { text: 'Dog in the yard.', visibility: 'customer' } });
    await resumedBoard.waitFor((m) => m.data?.type === 'job.note_added' && Number(m.id) > Number(missed[1]!.id));
    await resumedPage.waitFor((m) => m.data?.type === 'job.note_added' && Number(m.id) > Number(missed[1]!.id));
  });

  it('an internal note reaches staff but not the customer', async () => {
    const board = await open('/api/events', { cookie: w.dispatcher.cookie });
    const page = await open(`/api/portal/jobs/${jobId}/events`, { cookie: link });
    await page.waitFor((m) => m.retry === '3000');
    await call(t.app, 'POST', `/api/jobs/${jobId}/notes`, { cookie: w.dispatcher.cookie, body: { text: 'Customer was rude last time.', visibility: 'staff' } });
    await board.waitFor((m) => m.data?.type === 'job.note_added');
    await sleep(200);
    expect(page.events()).toEqual([]);
  });

  it("a position reaches the job's contact while en route and the board; never another job's contact, another company, or anyone after the visit started", async () => {
    const board = await open('/api/events', { cookie: w.dispatcher.cookie });
    const page = await open(`/api/portal/jobs/${jobId}/events`, { cookie: link });
    const otherPage = await open(`/api/portal/jobs/${otherJobId}/events`, { cookie: otherLink });
    const technician = await open('/api/technician/events', { cookie: w.technician.cookie });
    const otherCompany = await open('/api/events', { cookie: other.dispatcher.cookie });
    await Promise.all([board, page, otherPage, technician, otherCompany].map((s) => s.waitFor((m) => m.retry === '3000')));

    const started = Date.now();
    await location('2026-01-14T14:06:00.000Z');
    const onPage = await page.waitFor((m) => m.event === 'location');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(onPage.data).toMatchObject({ jobId, appointmentId: visitId, technicianId: w.technician.id, lat: 30.27, lng: -97.74, eta: { minutes: 20 } });
    await board.waitFor((m) => m.event === 'location' && m.data.jobId === jobId);
    const lastPositionId = onPage.id!;

    // The visit starts: from now on the customer sees no position, live or replayed.
    t.clock.set('2026-01-14T14:20:00.000Z');
    expect((await call(t.app, 'POST', `/api/technician/appointments/${visitId}/start`, { cookie: w.technician.cookie })).status).toBe(200);
    await page.waitFor((m) => m.data?.type === 'job.started');
    await location('2026-01-14T14:20:05.000Z', 30.28);
    await board.waitFor((m) => m.event === 'location' && m.data.lat === 30.28);
    const replayed = await open(`/api/portal/jobs/${jobId}/events`, { cookie: link, lastEventId: String(Number(lastPositionId) - 1) });
    await replayed.waitFor((m) => m.data?.type === 'job.started');
    await sleep(200);

    expect(page.events().filter((m) => m.event === 'location').map((m) => m.data.lat)).toEqual([30.27]);
    expect(replayed.events().filter((m) => m.event === 'location')).toEqual([]);
    expect(otherPage.events()).toEqual([]);
    expect(otherCompany.events()).toEqual([]);
    // Technicians' streams carry job events only.
    expect(technician.events().filter((m) => m.event === 'location')).toEqual([]);
  });

  it('an in-app notification reaches its recipient live, on whichever of their streams is open, and nobody else', async () => {
    const newJobId = await newJob('Thermostat shows an error');
    const customer = w.household.contact.cookie;
    const portal = await open('/api/portal/events', { cookie: customer });
    const jobPage = await open(`/api/portal/jobs/${newJobId}/events`, { cookie: customer });
    const linkPage = await open(`/api/portal/jobs/${newJobId}/events`, { cookie: (await jobLinkCookie(t, w, newJobId, w.household.contact.id)).cookie });
    const board = await open('/api/events', { cookie: w.dispatcher.cookie });
    const adminBoard = await open('/api/events', { cookie: w.admin.cookie });
    const otherBoard = await open('/api/events', { cookie: other.dispatcher.cookie });
    const technician = await open('/api/technician/events', { cookie: w.technician.cookie });
    for (const stream of [portal, jobPage, linkPage, board, adminBoard, otherBoard, technician]) await stream.waitFor((m) => m.retry === '3000');

    // Booking the visit notifies the job's contact: on the portal's stream and on the job page's.
    const scheduled = await call(t.app, 'POST', `/api/jobs/${newJobId}/schedule`, { cookie: w.dispatcher.cookie, body: { technicianId: w.technician.id, ...WINDOWS.tomorrowMorning } });
    expect(scheduled.status).toBe(200);
    const forCustomer = await portal.waitFor((m) => m.event === 'notification', 1000);
    expect(forCustomer.data).toMatchObject({ jobId: newJobId, type: 'appointment_scheduled' });
    expect(forCustomer.data.title).toMatch(/\S/);
    await jobPage.waitFor((m) => m.event === 'notification' && m.data.id === forCustomer.data.id, 1000);
    const listed = await call(t.app, 'GET', '/api/portal/notifications', { cookie: customer });
    expect(listed.body.items.map((n: { id: string }) => n.id)).toContain(forCustomer.data.id);

    // The customer's note notifies the dispatchers (not admins, not technicians).
    expect((await call(t.app, 'POST', `/api/portal/jobs/${newJobId}/notes`, { cookie: customer, body: { text: 'The code is E4.' } })).status).toBe(201);
    const forDispatcher = await board.waitFor((m) => m.event === 'notification', 1000);
    expect(forDispatcher.data).toMatchObject({ jobId: newJobId, type: 'customer_note' });
    const staffList = await call(t.app, 'GET', '/api/notifications?unread=true', { cookie: w.dispatcher.cookie });
    expect(staffList.body.items.map((n: { id: string }) => n.id)).toContain(forDispatcher.data.id);

    await sleep(300);
    expect(portal.events().filter((m) => m.event === 'notification').map((m) => m.data.type)).toEqual(['appointment_scheduled']);
    for (const stream of [linkPage, adminBoard, otherBoard, technician]) expect(stream.events().filter((m) => m.event === 'notification')).toEqual([]);
    // The portal-wide stream carries notifications only.
    expect(portal.events().every((m) => m.event === 'notification')).toBe(true);

    // Reconnecting replays the customer's own notifications, nobody else's.
    const resumed = await open('/api/portal/events', { cookie: customer, lastEventId: String(Number(forCustomer.id) - 1) });
    await resumed.waitFor((m) => m.event === 'notification' && m.data.id === forCustomer.data.id);
    await sleep(200);
    expect(resumed.events().every((m) => m.event === 'notification' && m.data.type === 'appointment_scheduled')).toBe(true);
  });

  it('the portal-wide stream is for signed-in customers: a job link or staff cannot open it', async () => {
    for (const cookie of [link, w.dispatcher.cookie]) {
      const refused = await openStream(base, '/api/portal/events', { cookie });
      expect(refused.status).toBe(403);
      refused.close();
    }
  });

  it('an instance that shuts down ends its streams first (the browsers reconnect elsewhere)', async () => {
    const closing = await createTestApp();
    await closing.app.listen({ port: 0, host: '127.0.0.1' });
    const world = await createWorld(closing);
    const stream = await openStream(baseOf(closing), '/api/events', { cookie: world.dispatcher.cookie });
    await stream.waitFor((m) => m.retry === '3000');
    await closing.close();
    await stream.ended;
  });

  it('on PostgreSQL, a step made through one instance reaches a stream open on another', async (context) => {
    if (t.dbKind !== 'postgres') context.skip();
    // A second instance on the same database (the run's shared one).
    const second = await createTestApp();
    try {
      await second.app.listen({ port: 0, host: '127.0.0.1' });
      const stream = await openStream(baseOf(second), '/api/events', { cookie: w.dispatcher.cookie });
      const page = await openStream(baseOf(second), `/api/portal/jobs/${jobId}/events`, { cookie: link });
      try {
        await stream.waitFor((m) => m.retry === '3000');
        await page.waitFor((m) => m.retry === '3000');
        const started = Date.now();
        const note = await call(t.app, 'POST', `/api/jobs/${jobId}/notes`, { cookie: w.dispatcher.cookie, body: { text: 'Through instance A.', visibility: 'customer' } });
        expect(note.status).toBe(200);
        await stream.waitFor((m) => m.data?.type === 'job.note_added' && m.data.jobId === jobId, 1000);
        await page.waitFor((m) => m.data?.type === 'job.note_added', 1000);
        expect(Date.now() - started).toBeLessThan(1000);
        // A position published on instance A reaches the board on instance B.
        await location('2026-01-14T14:25:00.000Z', 30.29);
        await stream.waitFor((m) => m.event === 'location' && m.data.lat === 30.29, 1000);
      } finally {
        stream.close();
        page.close();
      }
    } finally {
      await second.close();
    }
  });
});

describe('live updates fanned out by Redis pub/sub (REDIS_URL, PostgreSQL)', () => {
  const env = { REDIS_URL: TEST_REDIS_URL };

  /** Two instances on the run's database, both with REDIS_URL; B serves the streams, A takes the changes. */
  async function twoInstances(context: { skip(): void }) {
    if (inject('databaseUrl') === undefined) context.skip();
    const a = await createTestApp({ env });
    const b = await createTestApp({ env });
    await b.app.listen({ port: 0, host: '127.0.0.1' });
    const w = await createWorld(a, 'redis');
    const created = await call(a.app, 'POST', '/api/jobs', {
      cookie: w.dispatcher.cookie,
      body: { customerId: w.household.customerId, locationId: w.household.locationId, categoryId: w.categoryId, priority: 'normal', description: 'Heat pump ices up' },
    });
    expect(created.status).toBe(201);
    const note = (text: string) => call(a.app, 'POST', `/api/jobs/${created.body.id}/notes`, { cookie: w.dispatcher.cookie, body: { text, visibility: 'customer' } });
    return { a, b, w, jobId: created.body.id as string, note, close: async () => Promise.all([a.close(), b.close()]) };
  }

  it("a step through one instance reaches a stream on another, as the whole row on the deployment's channel", async (context) => {
    const { a, b, w, jobId, note, close } = await twoInstances(context);
    const watcher = await connectTestRedis();
    try {
      const messages: string[] = [];
      watcher.on('message', (_channel: string, message: string) => messages.push(message));
      await watcher.subscribe(redisChannelFor(a.config.database.kind === 'postgres' ? a.config.database.url : ''));
      const board = await openStream(baseOf(b), '/api/events', { cookie: w.dispatcher.cookie });
      try {
        await board.waitFor((m) => m.retry === '3000');
        expect((await note('Through instance A, by Redis.')).status).toBe(200);
        const event = await board.waitFor((m) => m.data?.type === 'job.note_added' && m.data.jobId === jobId, 1000);
        await expect.poll(() => messages.some((m) => m.includes(`"id":${event.id}`))).toBe(true);
        const [row] = JSON.parse(messages.find((m) => m.includes(`"id":${event.id}`))!) as { company_id: string; job_id: string; kind: string; audience: string }[];
        expect(row).toMatchObject({ company_id: w.companyId, job_id: jobId, kind: 'job', audience: 'customer' });
      } finally {
        board.close();
      }
    } finally {
      watcher.disconnect();
      await close();
    }
  });

  it('after Redis drops the connection, the stream still gets every step: live again once resubscribed, and from the log for the gap', async (context) => {
    const { b, w, jobId, note, close } = await twoInstances(context);
    const admin = await connectTestRedis();
    try {
      const board = await openStream(baseOf(b), '/api/events', { cookie: w.dispatcher.cookie });
      try {
        await board.waitFor((m) => m.retry === '3000');
        // Drops every subscriber connection (this test's instances and any other's): they reconnect.
        await admin.call('CLIENT', 'KILL', 'TYPE', 'pubsub');
        expect((await note('During the outage.')).status).toBe(200);
        await board.waitFor((m) => m.data?.type === 'job.note_added' && m.data.jobId === jobId, 3000);
        await sleep(300);
        expect((await note('After the outage.')).status).toBe(200);
        await expect.poll(() => board.messages.filter((m) => m.data?.type === 'job.note_added' && m.data.jobId === jobId).length, { timeout: 3000 }).toBe(2);
      } finally {
        board.close();
      }
    } finally {
      admin.disconnect();
      await close();
    }
  });
});
