import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createWorld, type World } from '../helpers/world.js';
import { call } from '../helpers/http.js';

describe('bad input gets a clear 4xx naming the field, never a 500', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t);
  });
  afterAll(() => t.close());

  const fieldsOf = (answer: { body: any }) => answer.body.error.details.fields.map((f: { field: string }) => f.field);

  it('a service request with many problems names each one', async () => {
    const answer = await call(t.app, 'POST', '/api/portal/requests', {
      cookie: w.household.contact.cookie,
      body: { description: '', priority: 'whenever', slaAcknowledged: 'yes', location: {}, preferredWindows: [{ start: 'tomorrow' }], colour: 'red' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(answer)).toEqual(expect.arrayContaining(['categoryId', 'description', 'priority', 'slaAcknowledged', 'colour']));
    expect(fieldsOf(answer).some((f: string) => f.startsWith('preferredWindows[0]'))).toBe(true);
    expect(answer.body.error.message).toContain('priority');
  });

  it('the SLA must be acknowledged, the category must be offered, the address must be the customer’s own', async () => {
    const base = { categoryId: w.categoryId, description: 'Noisy fan', priority: 'low', slaAcknowledged: true, location: { locationId: w.household.locationId } };
    const unacknowledged = await call(t.app, 'POST', '/api/portal/requests', { cookie: w.household.contact.cookie, body: { ...base, slaAcknowledged: false } });
    expect(unacknowledged.status).toBe(400);
    expect(fieldsOf(unacknowledged)).toEqual(['slaAcknowledged']);

    const foreignCategory = await call(t.app, 'POST', '/api/portal/requests', { cookie: w.household.contact.cookie, body: { ...base, categoryId: '0193a6f2-8c1e-7a3b-9f10-2b6c1d4e5f60' } });
    expect(fieldsOf(foreignCategory)).toEqual(['categoryId']);

    const someoneElsesAddress = await call(t.app, 'POST', '/api/portal/requests', { cookie: w.household.contact.cookie, body: { ...base, location: { locationId: w.organisation.locationIds[0] } } });
    expect(fieldsOf(someoneElsesAddress)).toEqual(['location.locationId']);

    const badWindow = await call(t.app, 'POST', '/api/portal/requests', {
      cookie: w.household.contact.cookie,
      body: { ...base, preferredWindows: [{ start: '2026-01-15T16:00:00.000Z', end: '2026-01-15T14:00:00.000Z' }] },
    });
    expect(fieldsOf(badWindow)).toEqual(['preferredWindows[0].end']);
  });

  it('messages read as sentences, and a bad new address is judged as an address, not as a saved one', async () => {
    const answer = await call(t.app, 'POST', '/api/portal/requests', {
      cookie: w.household.contact.cookie,
      body: { categoryId: w.categoryId, description: 'Heater', priority: 'normal', slaAcknowledged: true, location: { line1: '9 Lake Road', city: 'Lakeside', postalCode: '', country: 'USA' } },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.details.fields).toEqual([
      { field: 'location.postalCode', message: 'must not be empty' },
      { field: 'location.country', message: 'must be at most 2 characters' },
    ]);
    const setUp = await call(t.app, 'POST', '/api/setup', { body: { token: 'x'.repeat(20), company: { name: 'A', slug: 'a', timezone: 'UTC' }, admin: { name: 'B', email: 'not-an-email', password: 'short' } } });
    expect(setUp.body.error.details.fields).toEqual(
      expect.arrayContaining([
        { field: 'admin.email', message: 'is not a valid email' },
        { field: 'admin.password', message: 'must be at least 12 characters' },
      ]),
    );
  });

  it('a request to a new address saves it for the customer', async () => {
    const answer = await call(t.app, 'POST', '/api/portal/requests', {
      cookie: w.household.contact.cookie,
      body: { categoryId: w.categoryId, description: 'Holiday cabin heater', priority: 'normal', slaAcknowledged: true, location: { label: 'Cabin', line1: '9 Lake Road', city: 'Lakeside', postalCode: '62999', country: 'US', accessNotes: 'Key under the mat' } },
    });
    expect(answer.status).toBe(201);
    const me = await call(t.app, 'GET', '/api/portal/me', { cookie: w.household.contact.cookie });
    expect(me.body.locations.map((l: { label: string | null }) => l.label)).toContain('Cabin');
  });

  it('malformed ids, JSON and query strings are 400s', async () => {
    expect((await call(t.app, 'GET', '/api/jobs/not-a-uuid', { cookie: w.dispatcher.cookie })).status).toBe(400);
    const malformed = await t.app.inject({ method: 'POST', url: '/api/jobs', headers: { cookie: w.dispatcher.cookie, 'content-type': 'application/json' }, payload: '{"customerId": ' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error).toBeDefined();
    const badQuery = await call(t.app, 'GET', '/api/jobs?status=open&limit=5000', { cookie: w.dispatcher.cookie });
    expect(badQuery.status).toBe(400);
    expect(fieldsOf(badQuery)).toEqual(expect.arrayContaining(['querystring.status', 'querystring.limit']));
    const badCursor = await call(t.app, 'GET', '/api/jobs?cursor=garbage', { cookie: w.dispatcher.cookie });
    expect(fieldsOf(badCursor)).toEqual(['cursor']);
    const form = await t.app.inject({ method: 'POST', url: '/api/jobs', headers: { cookie: w.dispatcher.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'a=b' });
    expect(form.statusCode).toBe(415);
  });

  it('duplicates answer 409 naming the field', async () => {
    const dup = await call(t.app, 'POST', `/api/customers/${w.household.customerId}/contacts`, { cookie: w.dispatcher.cookie, body: { name: 'Twin', email: w.household.contact.email } });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: 'CONTACT_EMAIL_TAKEN', details: { field: 'email' } });
    const category = await call(t.app, 'POST', '/api/service-categories', { cookie: w.admin.cookie, body: { name: 'General service', defaultDurationMinutes: 30 } });
    expect(category.status).toBe(409);
  });

  it('job lists paginate by cursor without gaps or repeats', async () => {
    for (let i = 0; i < 7; i++) {
      await call(t.app, 'POST', '/api/jobs', {
        cookie: w.dispatcher.cookie,
        body: { customerId: w.organisation.customerId, locationId: w.organisation.locationIds[i % 2], categoryId: w.categoryId, priority: 'low', description: `Paging ${i}` },
      });
      t.clock.advance(1000);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await call(t.app, 'GET', `/api/jobs?customerId=${w.organisation.customerId}&limit=3${cursor ? `&cursor=${cursor}` : ''}`, { cookie: w.dispatcher.cookie });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items.map((j: { id: string }) => j.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    const search = await call(t.app, 'GET', '/api/jobs?q=corp%20offices&limit=50', { cookie: w.dispatcher.cookie });
    expect(search.body.items.length).toBe(7);
  });
});
