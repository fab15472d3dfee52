import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createHouseholds, createWorld, type World } from '../helpers/world.js';
import { call } from '../helpers/http.js';

const RACERS = 50;
/** Wed 14 Jan 2026, 08:00–10:00 in Chicago. */
const LAST_SLOT = { start: '2026-01-14T14:00:00.000Z', end: '2026-01-14T16:00:00.000Z' };

/**
 * The last slot, taken by 50 customers at once (on whichever database the run uses: the same file
 * runs on SQLite and, with DATABASE_URL, on PostgreSQL): exactly one booking wins, the others hear
 * "this window was just taken" with fresh windows, and the technician has one visit in the slot.
 */
describe(`self-scheduling under concurrency: ${RACERS} customers racing for the last slot`, () => {
  let t: TestApp;
  let w: World;
  let categoryId: string;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t);
    // Only Alex does boiler overhauls (two hours), and only Wednesday and Thursday 08:00–10:00:
    // each of those days has room for exactly one.
    categoryId = (await t.app.services.categories.create(w.companyId, { name: 'Boiler overhaul', defaultDurationMinutes: 120, requiredSkills: ['boiler'] })).id;
    await call(t.app, 'PATCH', `/api/technicians/${w.technician.id}/profile`, { cookie: w.dispatcher.cookie, body: { skills: ['boiler'] } });
    const hours = await call(t.app, 'PUT', `/api/technicians/${w.technician.id}/working-hours`, {
      cookie: w.dispatcher.cookie,
      body: { hours: [{ weekday: 3, start: '08:00', end: '10:00' }, { weekday: 4, start: '08:00', end: '10:00' }] },
    });
    expect(hours.status).toBe(200);
  });
  afterAll(() => t.close());

  it('exactly one wins; the others get 409 SLOT_TAKEN with alternatives; the technician has one visit in the slot', async () => {
    const customers = await createHouseholds(t, w, RACERS);
    const before = await call(t.app, 'GET', `/api/portal/availability?categoryId=${categoryId}&locationId=${customers[0]!.locationId}&from=2026-01-14&to=2026-01-15`, { cookie: customers[0]!.cookie });
    expect(before.body.windows.map((x: { start: string }) => x.start)).toEqual([LAST_SLOT.start, '2026-01-15T14:00:00.000Z']);

    const answers = await Promise.all(
      customers.map((customer) =>
        call(t.app, 'POST', '/api/portal/requests', {
          cookie: customer.cookie,
          body: {
            categoryId,
            description: 'Annual boiler overhaul',
            priority: 'normal',
            slaAcknowledged: true,
            location: { locationId: customer.locationId },
            booking: { windowStart: LAST_SLOT.start },
          },
        }),
      ),
    );

    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(RACERS - 1);
    for (const loser of answers.filter((a) => a.status === 409)) {
      expect(loser.body.error.code).toBe('SLOT_TAKEN');
      expect(loser.body.error.message).toContain('just taken');
      // Fresh: the taken window is gone, Thursday's is offered.
      expect(loser.body.error.details.alternatives.map((x: { start: string }) => x.start)).toEqual(['2026-01-15T14:00:00.000Z']);
    }

    const inSlot = await t.db
      .selectFrom('appointments')
      .select(['id', 'job_id'])
      .where('company_id', '=', w.companyId)
      .where('technician_id', '=', w.technician.id)
      .where('window_start', '=', LAST_SLOT.start)
      .where('status', '=', 'scheduled')
      .execute();
    expect(inSlot).toHaveLength(1);
    // The losers' requests were not filed half-way: one job for the fifty customers.
    const jobs = await t.db.selectFrom('jobs').select('id').where('company_id', '=', w.companyId).where('category_id', '=', categoryId).execute();
    expect(jobs.map((j) => j.id)).toEqual([inSlot[0]!.job_id]);
    const winner = answers.find((a) => a.status === 201)!;
    expect(winner.body.appointment).toEqual({ windowStart: LAST_SLOT.start, windowEnd: LAST_SLOT.end });

    const after = await call(t.app, 'GET', `/api/portal/availability?categoryId=${categoryId}&locationId=${customers[1]!.locationId}&from=2026-01-14&to=2026-01-15`, { cookie: customers[1]!.cookie });
    expect(after.body.windows.map((x: { start: string }) => x.start)).toEqual(['2026-01-15T14:00:00.000Z']);
  });

  it('the same holds for customers booking jobs they already filed', async () => {
    const customers = await createHouseholds(t, w, 20);
    const jobIds: string[] = [];
    for (const customer of customers) {
      const filed = await call(t.app, 'POST', '/api/portal/requests', {
        cookie: customer.cookie,
        body: { categoryId, description: 'Annual boiler overhaul', priority: 'normal', slaAcknowledged: true, location: { locationId: customer.locationId } },
      });
      expect(filed.status).toBe(201);
      jobIds.push(filed.body.job.id);
    }
    const thursday = '2026-01-15T14:00:00.000Z';
    const answers = await Promise.all(customers.map((customer, i) => call(t.app, 'POST', `/api/portal/jobs/${jobIds[i]}/book`, { cookie: customer.cookie, body: { windowStart: thursday } })));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409 && a.body.error.code === 'SLOT_TAKEN')).toHaveLength(19);
    const visits = await t.db.selectFrom('appointments').select('id').where('technician_id', '=', w.technician.id).where('window_start', '=', thursday).execute();
    expect(visits).toHaveLength(1);
  });
});
