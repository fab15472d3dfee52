import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createWorld, WINDOWS, type World } from '../helpers/world.js';
import { call } from '../helpers/http.js';

/** What the dispatcher console's lists need beyond the basics: the overdue view, and customers with their contact counts. */
describe('console lists', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t);
  });
  afterAll(() => t.close());

  const newJob = async (priority: 'emergency' | 'low', description: string) => {
    const answer = await call(t.app, 'POST', '/api/jobs', {
      cookie: w.dispatcher.cookie,
      body: { customerId: w.household.customerId, locationId: w.household.locationId, categoryId: w.categoryId, priority, description },
    });
    expect(answer.status).toBe(201);
    return answer.body as { id: string; slaDueAt: string };
  };

  it('lists only open jobs past their SLA with overdue=true, and stops once the work starts or the job closes', async () => {
    const urgent = await newJob('emergency', 'Water everywhere');
    const relaxed = await newJob('low', 'Dripping tap');
    const cancelled = await newJob('emergency', 'Never mind');
    await call(t.app, 'POST', `/api/jobs/${cancelled.id}/cancel`, { cookie: w.dispatcher.cookie, body: { reason: 'Fixed it themselves' } });

    // Past the emergency SLA (4 h by default), well within the low one.
    t.clock.set(new Date(new Date(urgent.slaDueAt).getTime() + 60_000));
    const overdue = await call(t.app, 'GET', '/api/jobs?overdue=true', { cookie: w.dispatcher.cookie });
    expect(overdue.status).toBe(200);
    const ids = overdue.body.items.map((j: { id: string }) => j.id);
    expect(ids).toContain(urgent.id);
    expect(ids).not.toContain(relaxed.id);
    expect(ids).not.toContain(cancelled.id);
    expect(overdue.body.items.every((j: { slaOverdue: boolean }) => j.slaOverdue)).toBe(true);

    // Scheduling does not stop the SLA clock; the technician starting the work does.
    const scheduled = await call(t.app, 'POST', `/api/jobs/${urgent.id}/schedule`, { cookie: w.dispatcher.cookie, body: { technicianId: w.technician.id, ...WINDOWS.friday } });
    expect(scheduled.status).toBe(200);
    const stillOverdue = await call(t.app, 'GET', '/api/jobs?overdue=true&status=scheduled', { cookie: w.dispatcher.cookie });
    expect(stillOverdue.body.items.map((j: { id: string }) => j.id)).toEqual([urgent.id]);

    const bad = await call(t.app, 'GET', '/api/jobs?overdue=perhaps', { cookie: w.dispatcher.cookie });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('overdue');
  });

  it('gives each customer its contact count and filters by kind', async () => {
    const all = await call(t.app, 'GET', '/api/customers', { cookie: w.dispatcher.cookie });
    expect(all.status).toBe(200);
    const byName = Object.fromEntries(all.body.items.map((c: { name: string; contactCount: number; kind: string }) => [c.name, c]));
    expect(byName['Corp Offices Ltd']).toMatchObject({ kind: 'organisation', contactCount: 3 });
    expect(byName['García household']).toMatchObject({ kind: 'household', contactCount: 1 });

    const organisations = await call(t.app, 'GET', '/api/customers?kind=organisation', { cookie: w.dispatcher.cookie });
    expect(organisations.body.items.map((c: { kind: string }) => c.kind)).toEqual(['organisation']);

    const bad = await call(t.app, 'GET', '/api/customers?kind=company', { cookie: w.dispatcher.cookie });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('kind');
  });

  it('keeps another company’s customers and jobs out of every list', async () => {
    const other = await createWorld(t, 'other');
    const customers = await call(t.app, 'GET', '/api/customers', { cookie: other.dispatcher.cookie });
    expect(customers.body.items.map((c: { id: string }) => c.id)).not.toContain(w.organisation.customerId);
    const overdue = await call(t.app, 'GET', '/api/jobs?overdue=true', { cookie: other.dispatcher.cookie });
    expect(overdue.body.items).toEqual([]);
  });
});
