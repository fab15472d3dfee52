import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createWorld, type World } from '../helpers/world.js';
import { call } from '../helpers/http.js';

describe('third-party job intake', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t);
  });
  afterAll(() => t.close());

  const claim = (overrides: Record<string, unknown> = {}) => ({
    externalRef: 'CLAIM-88123',
    categoryId: w.categoryId,
    priority: 'normal',
    description: 'Dishwasher does not drain',
    customer: { name: 'Lee household', contact: { name: 'Jo Lee', email: 'jo.lee@example.test', phone: '+1 555 0199' } },
    location: { line1: '45 Oak Avenue', city: 'Springfield', postalCode: '62704', country: 'US' },
    ...overrides,
  });
  const jobsOfSource = async () => (await call(t.app, 'GET', `/api/jobs?sourceId=${w.partner.sourceId}&limit=200`, { cookie: w.dispatcher.cookie })).body.items;

  it('creates the job once for one Idempotency-Key and answers the same both times', async () => {
    const before = (await jobsOfSource()).length;
    const first = await call(t.app, 'POST', '/api/intake/jobs', { bearer: w.partner.apiKey, headers: { 'idempotency-key': 'attempt-1' }, body: claim() });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ reference: expect.stringMatching(/^ARV-26-\d{5}$/), status: 'created', externalRef: 'CLAIM-88123' });
    const second = await call(t.app, 'POST', '/api/intake/jobs', { bearer: w.partner.apiKey, headers: { 'idempotency-key': 'attempt-1' }, body: claim() });
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect((await jobsOfSource()).length).toBe(before + 1);
  });

  it('creates exactly one job when the same key arrives many times at once', async () => {
    const before = (await jobsOfSource()).length;
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => call(t.app, 'POST', '/api/intake/jobs', { bearer: w.partner.apiKey, headers: { 'idempotency-key': 'burst-7' }, body: claim({ externalRef: 'BURST' }) })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect((await jobsOfSource()).length).toBe(before + 1);
  });

  it('refuses the same key with a different body', async () => {
    await call(t.app, 'POST', '/api/intake/jobs', { bearer: w.partner.apiKey, headers: { 'idempotency-key': 'attempt-2' }, body: claim() });
    const reused = await call(t.app, 'POST', '/api/intake/jobs', { bearer: w.partner.apiKey, headers: { 'idempotency-key': 'attempt-2' }, body: claim({ priority: 'high' }) });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('without a key, each call is a new job; the customer is matched by e-mail and the address reused', async () => {
    const a = await call(t.app, 'POST', '/api/intake/jobs', { bearer: w.partner.apiKey, body: claim({ externalRef: 'NO-KEY' }) });
    const b = await call(t.app, 'POST', '/api/intake/jobs', { bearer: w.partner.apiKey, body: claim({ externalRef: 'NO-KEY' }) });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(a.body.id).not.toBe(b.body.id);
    const [jobA, jobB] = await Promise.all([a, b].map((x) => call(t.app, 'GET', `/api/jobs/${x.body.id}`, { cookie: w.dispatcher.cookie })));
    expect(jobA!.body.customer.id).toBe(jobB!.body.customer.id);
    expect(jobA!.body.location.id).toBe(jobB!.body.location.id);
    expect(jobA!.body.source).toMatchObject({ id: w.partner.sourceId, name: 'HomeShield Warranty' });
    expect(jobA!.body.contacts).toEqual([expect.objectContaining({ email: 'jo.lee@example.test', notify: true })]);
  });

  it('a source reads its own jobs only, and a revoked key stops working', async () => {
    const created = await call(t.app, 'POST', '/api/intake/jobs', { bearer: w.partner.apiKey, body: claim({ externalRef: 'READ-ME' }) });
    const status = await call(t.app, 'GET', `/api/intake/jobs/${created.body.id}`, { bearer: w.partner.apiKey });
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ reference: created.body.reference, status: 'created', externalRef: 'READ-ME' });

    const other = await t.app.services.sources.create(w.companyId, { name: 'Other network' });
    const otherKey = await t.app.services.sources.createApiKey(w.companyId, other.id, 'k');
    expect((await call(t.app, 'GET', `/api/intake/jobs/${created.body.id}`, { bearer: otherKey.key })).status).toBe(404);

    await t.app.services.sources.revokeApiKey(w.companyId, other.id, otherKey.id);
    const revoked = await call(t.app, 'POST', '/api/intake/jobs', { bearer: otherKey.key, body: claim() });
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.code).toBe('INVALID_API_KEY');
  });

  it('names every offending field of a bad intake body', async () => {
    const bad = await call(t.app, 'POST', '/api/intake/jobs', {
      bearer: w.partner.apiKey,
      body: { ...claim(), priority: 'asap', customer: { name: '', contact: { name: 'X', email: 'not-an-email' } }, location: { line1: '1 A St', city: 'X', postalCode: '1', country: 'usa' } },
    });
    expect(bad.status).toBe(400);
    const fields = bad.body.error.details.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['priority', 'customer.name', 'customer.contact.email', 'location.country']));
  });
});
