import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createWorld, type World } from '../helpers/world.js';
import { call } from '../helpers/http.js';

/** The world's company is in America/Chicago (UTC−6 in winter); the clock stands at Tue 13 Jan 2026, 03:00 there. */
describe('self-scheduling: configuration and bookable windows', () => {
  let t: TestApp;
  let w: World;
  let other: World;
  let gasCategoryId: string;
  const admin = () => ({ cookie: w.admin.cookie });
  const dispatcher = () => ({ cookie: w.dispatcher.cookie });
  const household = () => ({ cookie: w.household.contact.cookie });
  const staffWindows = (query: string) => call(t.app, 'GET', `/api/availability?${query}`, dispatcher());
  const portalWindows = (query: string, caller = household()) => call(t.app, 'GET', `/api/portal/availability?${query}`, caller);
  const starts = (body: { windows: { start: string }[] }) => body.windows.map((x) => x.start);

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t);
    other = await createWorld(t, 'rival');
    gasCategoryId = (await t.app.services.categories.create(w.companyId, { name: 'Gas boiler', defaultDurationMinutes: 60, requiredSkills: ['gas'] })).id;
  });
  afterAll(() => t.close());

  it('a new company books out of the box: Mon–Fri 08:00–17:00 company time, 2-hour windows, no technician named to customers', async () => {
    const answer = await portalWindows(`categoryId=${w.categoryId}&locationId=${w.household.locationId}&from=2026-01-13&to=2026-01-19`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ timezone: 'America/Chicago', from: '2026-01-13', to: '2026-01-19', durationMinutes: 60, windowMinutes: 120, bookableUntil: '2026-02-12' });
    // Tue–Fri and Monday, four windows each: 08–10, 10–12, 12–14, 14–16 local.
    expect(answer.body.windows).toHaveLength(20);
    expect(answer.body.windows[0]).toEqual({ date: '2026-01-13', start: '2026-01-13T14:00:00.000Z', end: '2026-01-13T16:00:00.000Z' });
    expect(answer.body.windows.map((x: { date: string }) => x.date)).not.toContain('2026-01-17');
    expect(JSON.stringify(answer.body)).not.toContain('Alex');

    const policy = await call(t.app, 'GET', '/api/booking-policy', dispatcher());
    expect(policy.body).toMatchObject({ windowMinutes: 120, leadTimeMinutes: 120, horizonDays: 30, bufferMinutes: 15, customersMayChooseTechnician: false, timezone: 'America/Chicago' });
    expect(policy.body.defaultWorkingHours[0]).toEqual({ weekday: 1, start: '08:00', end: '17:00' });
  });

  it('the console sees who could come to each window and the suggested technician', async () => {
    const answer = await staffWindows(`categoryId=${w.categoryId}&locationId=${w.household.locationId}&from=2026-01-14&to=2026-01-14`);
    expect(answer.status).toBe(200);
    expect(answer.body.windows).toHaveLength(4);
    const first = answer.body.windows[0];
    expect(first.technicians.map((x: { name: string }) => x.name).sort()).toEqual(['Alex Fixer', 'Sam Wrench']);
    expect(first.suggested.id).toBe(first.technicians[0].id);
    expect(first.suggested).toMatchObject({ addedTravelMinutes: 0, plannedArrival: '2026-01-14T14:00:00.000Z' });
  });

  it('windows follow skills, working hours and time off', async () => {
    const query = `categoryId=${gasCategoryId}&locationId=${w.household.locationId}&from=2026-01-14&to=2026-01-21`;
    expect((await portalWindows(query)).body.windows).toEqual([]); // nobody has the gas skill yet

    expect((await call(t.app, 'PATCH', `/api/technicians/${w.technician.id}/profile`, { ...dispatcher(), body: { skills: ['gas'] } })).status).toBe(200);
    expect((await portalWindows(query)).body.windows).toHaveLength(24);

    const hours = await call(t.app, 'PUT', `/api/technicians/${w.technician.id}/working-hours`, { ...dispatcher(), body: { hours: [{ weekday: 3, start: '12:00', end: '17:00' }] } });
    expect(hours.status).toBe(200);
    expect(hours.body).toEqual({ timezone: 'America/Chicago', usesDefault: false, hours: [{ weekday: 3, start: '12:00', end: '17:00' }] });
    expect(starts((await portalWindows(query)).body)).toEqual(['2026-01-14T18:00:00.000Z', '2026-01-14T20:00:00.000Z', '2026-01-21T18:00:00.000Z', '2026-01-21T20:00:00.000Z']);

    // Off 12:00–15:00 on the 14th: 12–14 is gone, 14–16 can still start at 15:00.
    const off = await call(t.app, 'POST', `/api/technicians/${w.technician.id}/time-off`, { ...dispatcher(), body: { start: '2026-01-14T18:00:00.000Z', end: '2026-01-14T21:00:00.000Z', reason: 'Dentist' } });
    expect(off.status).toBe(201);
    expect(starts((await portalWindows(query)).body)).toEqual(['2026-01-14T20:00:00.000Z', '2026-01-21T18:00:00.000Z', '2026-01-21T20:00:00.000Z']);
    expect((await call(t.app, 'GET', `/api/technicians/${w.technician.id}/time-off`, dispatcher())).body.items).toEqual([expect.objectContaining({ id: off.body.id, reason: 'Dentist' })]);

    expect((await call(t.app, 'DELETE', `/api/technicians/${w.technician.id}/time-off?id=${off.body.id}`, dispatcher())).status).toBe(204);
    expect((await call(t.app, 'DELETE', `/api/technicians/${w.technician.id}/time-off?id=${off.body.id}`, dispatcher())).status).toBe(404);
    expect((await portalWindows(query)).body.windows).toHaveLength(4);

    // An empty week returns to the default.
    expect((await call(t.app, 'PUT', `/api/technicians/${w.technician.id}/working-hours`, { ...dispatcher(), body: { hours: [] } })).body.usesDefault).toBe(true);
    expect((await portalWindows(query)).body.windows).toHaveLength(24);
  });

  it('windows follow territories: postal codes or a polygon; a technician without one serves everywhere', async () => {
    const saved = await call(t.app, 'PUT', '/api/territories', {
      ...admin(),
      body: {
        items: [
          // An explicit null (no drawn zone) is accepted like an absent one.
          { name: 'North side', postalCodes: ['62702', '6271*'], polygon: null },
          { name: 'Downtown', postalCodes: [], polygon: [[39.77, -89.66], [39.77, -89.64], [39.79, -89.64], [39.79, -89.66]] },
          { name: 'Far away', postalCodes: [], polygon: [[40.5, -88.1], [40.5, -88.0], [40.6, -88.0]] },
        ],
      },
    });
    expect(saved.status).toBe(200);
    const id = (name: string) => saved.body.items.find((x: { name: string }) => x.name === name).id;
    const whoComes = async () => {
      const answer = await staffWindows(`categoryId=${w.categoryId}&locationId=${w.household.locationId}&from=2026-01-14&to=2026-01-14`);
      return [...new Set(answer.body.windows.flatMap((x: { technicians: { name: string }[] }) => x.technicians.map((c) => c.name)))].sort();
    };
    expect(await whoComes()).toEqual(['Alex Fixer', 'Sam Wrench']);

    await call(t.app, 'PUT', `/api/technicians/${w.technician.id}/territories`, { ...dispatcher(), body: { territoryIds: [id('North side')] } });
    expect(await whoComes()).toEqual(['Sam Wrench']); // 62701 is not north

    await call(t.app, 'PUT', `/api/technicians/${w.otherTechnician.id}/territories`, { ...dispatcher(), body: { territoryIds: [id('Far away')] } });
    expect(await whoComes()).toEqual([]);

    await call(t.app, 'PUT', `/api/technicians/${w.otherTechnician.id}/territories`, { ...dispatcher(), body: { territoryIds: [id('Downtown')] } });
    expect(await whoComes()).toEqual(['Sam Wrench']); // the household's coordinates lie in the polygon

    const listed = await call(t.app, 'GET', '/api/territories', dispatcher());
    expect(listed.body.items.find((x: { name: string }) => x.name === 'Downtown').technicianIds).toEqual([w.otherTechnician.id]);

    // Saving the list without a territory deletes it and its assignments.
    const kept = saved.body.items.filter((x: { name: string }) => x.name !== 'North side').map((x: { id: string; name: string; postalCodes: string[]; polygon: unknown }) => ({ id: x.id, name: x.name, postalCodes: x.postalCodes, polygon: x.polygon }));
    expect((await call(t.app, 'PUT', '/api/territories', { ...admin(), body: { items: kept } })).body.items).toHaveLength(2);
    expect(await whoComes()).toEqual(['Alex Fixer', 'Sam Wrench']);
    await call(t.app, 'PUT', `/api/technicians/${w.otherTechnician.id}/territories`, { ...dispatcher(), body: { territoryIds: [] } });
  });

  it('keeps local hours across the daylight-saving change: 08:00 is 14:00Z on Friday 6 March, 13:00Z on Monday 9 March', async () => {
    const answer = await staffWindows(`categoryId=${w.categoryId}&locationId=${w.household.locationId}&from=2026-03-06&to=2026-03-09`);
    const first = (date: string) => answer.body.windows.find((x: { date: string }) => x.date === date).start;
    expect(first('2026-03-06')).toBe('2026-03-06T14:00:00.000Z');
    expect(first('2026-03-09')).toBe('2026-03-09T13:00:00.000Z');
  });

  it('customers book inside the lead time and horizon; the office sees any slot still ahead', async () => {
    await call(t.app, 'PATCH', '/api/booking-policy', { ...admin(), body: { leadTimeMinutes: 24 * 60, horizonDays: 3 } });
    const customer = await portalWindows(`categoryId=${w.categoryId}&locationId=${w.household.locationId}&from=2026-01-13&to=2026-01-19`);
    // From Wed 03:00 local (24 h ahead) to Fri 03:00 local (3 days): Wed and Thu.
    expect([...new Set(customer.body.windows.map((x: { date: string }) => x.date))]).toEqual(['2026-01-14', '2026-01-15']);
    // The picker stops offering later dates there.
    expect(customer.body.bookableUntil).toBe('2026-01-16');
    const office = await staffWindows(`categoryId=${w.categoryId}&locationId=${w.household.locationId}&from=2026-01-13&to=2026-01-19`);
    expect(office.body.windows).toHaveLength(20);
    await call(t.app, 'PATCH', '/api/booking-policy', { ...admin(), body: { leadTimeMinutes: 120, horizonDays: 30 } });
  });

  it('names technicians to customers only when the company lets them choose', async () => {
    const query = `categoryId=${w.categoryId}&locationId=${w.household.locationId}&from=2026-01-14&to=2026-01-14`;
    expect((await portalWindows(query)).body.windows[0].technicians).toBeUndefined();
    expect((await call(t.app, 'PATCH', '/api/booking-policy', { ...admin(), body: { customersMayChooseTechnician: true } })).body.customersMayChooseTechnician).toBe(true);
    expect((await portalWindows(query)).body.windows[0].technicians.map((x: { name: string }) => x.name).sort()).toEqual(['Alex Fixer', 'Sam Wrench']);
    await call(t.app, 'PATCH', '/api/booking-policy', { ...admin(), body: { customersMayChooseTechnician: false } });
  });

  it('never uses or shows another company’s technicians, territories, categories or addresses', async () => {
    const mine = await staffWindows(`categoryId=${w.categoryId}&locationId=${w.household.locationId}&from=2026-01-14&to=2026-01-14`);
    const ids = new Set(mine.body.windows.flatMap((x: { technicians: { id: string }[] }) => x.technicians.map((c) => c.id)));
    expect(ids.has(other.technician.id) || ids.has(other.otherTechnician.id)).toBe(false);

    const theirCategory = await staffWindows(`categoryId=${other.categoryId}&locationId=${w.household.locationId}`);
    expect(theirCategory.status).toBe(400);
    expect(theirCategory.body.error.details.fields[0].field).toBe('categoryId');
    const theirAddress = await staffWindows(`categoryId=${w.categoryId}&locationId=${other.household.locationId}`);
    expect(theirAddress.body.error.details.fields[0].field).toBe('locationId');
    // A customer asks only about their own addresses.
    const notMine = await portalWindows(`categoryId=${w.categoryId}&locationId=${w.organisation.locationIds[0]}`);
    expect(notMine.body.error.details.fields[0].field).toBe('locationId');

    expect((await call(t.app, 'PUT', `/api/technicians/${other.technician.id}/working-hours`, { ...dispatcher(), body: { hours: [] } })).status).toBe(404);
    expect((await call(t.app, 'POST', `/api/technicians/${other.technician.id}/time-off`, { ...dispatcher(), body: { start: '2026-01-14T18:00:00.000Z', end: '2026-01-14T21:00:00.000Z' } })).status).toBe(404);
    const theirTerritory = await call(t.app, 'PUT', '/api/territories', { cookie: other.admin.cookie, body: { items: [{ name: 'Rival zone', postalCodes: ['62701'] }] } });
    const assign = await call(t.app, 'PUT', `/api/technicians/${w.technician.id}/territories`, { ...dispatcher(), body: { territoryIds: [theirTerritory.body.items[0].id] } });
    expect(assign.body.error.details.fields[0].field).toBe('territoryIds[0]');
    expect((await call(t.app, 'GET', '/api/territories', dispatcher())).body.items.map((x: { name: string }) => x.name)).not.toContain('Rival zone');
    const updateTheirs = await call(t.app, 'PUT', '/api/territories', { ...admin(), body: { items: [{ id: theirTerritory.body.items[0].id, name: 'Mine now', postalCodes: ['1'] }] } });
    expect(updateTheirs.body.error.details.fields[0].field).toBe('items[0].id');
  });

  it('customers and technicians cannot read or change the configuration; dispatchers cannot change the policy', async () => {
    expect((await call(t.app, 'GET', '/api/booking-policy', household())).status).toBe(403);
    expect((await call(t.app, 'PATCH', '/api/booking-policy', { ...household(), body: { bufferMinutes: 0 } })).status).toBe(403);
    expect((await call(t.app, 'PATCH', '/api/booking-policy', { ...dispatcher(), body: { bufferMinutes: 0 } })).status).toBe(403);
    expect((await call(t.app, 'PUT', `/api/technicians/${w.technician.id}/working-hours`, { ...household(), body: { hours: [] } })).status).toBe(403);
    expect((await call(t.app, 'PUT', '/api/territories', { ...dispatcher(), body: { items: [] } })).status).toBe(403);
    expect((await call(t.app, 'GET', `/api/availability?categoryId=${w.categoryId}&locationId=${w.household.locationId}`, { cookie: w.technician.cookie })).status).toBe(403);
    expect((await call(t.app, 'GET', `/api/portal/availability?categoryId=${w.categoryId}&locationId=${w.household.locationId}`)).status).toBe(401);
  });

  it('bad input answers 400 naming the field', async () => {
    const field = async (answer: Promise<{ status: number; body: any }>) => {
      const { status, body } = await answer;
      expect(status).toBe(400);
      // Schema checks name query fields `querystring.from`; the service's own checks name them `from`.
      return (body.error.details.fields[0].field as string).replace(/^querystring\./, '');
    };
    const base = `categoryId=${w.categoryId}&locationId=${w.household.locationId}`;
    expect(await field(staffWindows(`${base}&from=2026-13-01`))).toBe('from');
    expect(await field(staffWindows(`${base}&from=2026-01-20&to=2026-01-14`))).toBe('to');
    expect(await field(staffWindows(`${base}&from=2026-01-01&to=2026-03-01`))).toBe('to');
    expect(await field(staffWindows(`locationId=${w.household.locationId}`))).toBe('categoryId');
    expect(await field(staffWindows(`${base}&jobId=${w.household.customerId}`))).toBe('jobId');

    const hours = (body: unknown) => call(t.app, 'PUT', `/api/technicians/${w.technician.id}/working-hours`, { ...dispatcher(), body });
    expect(await field(hours({ hours: [{ weekday: 1, start: '10:00', end: '09:00' }] }))).toBe('hours[0].end');
    expect(await field(hours({ hours: [{ weekday: 1, start: '25:00', end: '26:00' }] }))).toBe('hours[0].start');
    expect(await field(hours({ hours: [{ weekday: 8, start: '08:00', end: '09:00' }] }))).toBe('hours[0].weekday');
    expect(await field(hours({ hours: [{ weekday: 1, start: '08:00', end: '12:00' }, { weekday: 1, start: '11:00', end: '17:00' }] }))).toBe('hours[1]');

    expect(await field(call(t.app, 'POST', `/api/technicians/${w.technician.id}/time-off`, { ...dispatcher(), body: { start: '2026-01-14T18:00:00.000Z', end: '2026-01-14T17:00:00.000Z' } }))).toBe('end');
    expect(await field(call(t.app, 'PATCH', '/api/booking-policy', { ...admin(), body: { windowMinutes: 7 } }))).toBe('windowMinutes');
    expect(await field(call(t.app, 'PATCH', '/api/booking-policy', { ...admin(), body: { leadTimeMinutes: 3 * 24 * 60, horizonDays: 2 } }))).toBe('horizonDays');
    expect(await field(call(t.app, 'PUT', '/api/territories', { ...admin(), body: { items: [{ name: 'Empty', postalCodes: [] }] } }))).toBe('items[0].postalCodes');
    expect(await field(call(t.app, 'PUT', '/api/territories', { ...admin(), body: { items: [{ name: 'Line', postalCodes: [], polygon: [[1, 2], [3, 4]] }] } }))).toBe('items[0].polygon');
    expect(await field(call(t.app, 'PUT', '/api/territories', { ...admin(), body: { items: [{ name: 'A', postalCodes: ['1'] }, { name: 'a', postalCodes: ['2'] }] } }))).toBe('items[1].name');
  });
});
