import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_STATUSES } from '../../src/server/modules/jobs/job-state-machine.js';
import { DEMO_RANDOM_SEED } from '../../src/server/demo/demo-data.js';
import { checkPlan, planDemoJobs } from '../../src/server/demo/demo-plan.js';
import { createRandom } from '../../src/server/demo/random.js';
import { seedDemo, type DemoSeedResult } from '../../src/server/demo/seed-demo.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { call } from '../helpers/http.js';

describe('the demo seed', () => {
  let t: TestApp;
  let demo: DemoSeedResult;
  const password = `demo-${randomUUID()}`;

  beforeAll(async () => {
    t = await createTestApp();
    // Its own slug and staff domain: on PostgreSQL the run's database is shared by every test file.
    const unique = randomUUID().slice(0, 8);
    demo = await seedDemo(
      { services: t.app.services, db: t.db, clock: t.clock },
      { now: t.clock.now(), staffPassword: password, passwordHashCost: t.config.passwordHashCost, slug: `lone-star-${unique}`, staffEmailDomain: `demo-${unique}.example` },
    );
  }, 120_000);
  afterAll(() => t.close());

  it('has 8 technicians with skills and home bases, and at least 3 dispatchers', async () => {
    const technicians = await t.app.services.technicians.list(demo.company.id);
    expect(technicians).toHaveLength(8);
    for (const technician of technicians) {
      expect(technician.skills.length).toBeGreaterThan(0);
      expect(technician.homeBase.lat).toEqual(expect.any(Number));
    }
    expect(technicians.some((tech) => tech.bioStatus === 'approved')).toBe(true);
    expect(technicians.some((tech) => tech.bioStatus === 'pending')).toBe(true);
    const users = await t.app.services.accounts.listUsers(demo.company.id);
    expect(users.filter((u) => u.role === 'dispatcher').length).toBeGreaterThanOrEqual(3);
  });

  it('has 40 customers, some organisations with several sites and contacts, every site placed on the map', async () => {
    const customers = await t.app.services.customers.list(demo.company.id, { limit: 100, offset: 0 });
    expect(customers).toHaveLength(40);
    const details = await Promise.all(customers.map((c) => t.app.services.customers.detail(demo.company.id, c.id)));
    const bigOrganisations = details.filter((c) => c.kind === 'organisation' && c.locations.length >= 2 && c.contacts.length >= 2);
    expect(bigOrganisations.length).toBeGreaterThanOrEqual(3);
    for (const customer of details) {
      for (const location of customer.locations) {
        expect(location.city).toBe('Austin');
        // Inside the city of Austin, roughly.
        expect(location.lat).toBeGreaterThan(30.1);
        expect(location.lat).toBeLessThan(30.5);
        expect(location.lng).toBeGreaterThan(-97.95);
        expect(location.lng).toBeLessThan(-97.6);
      }
    }
  });

  it('has jobs in every state, each timeline starting with its creation and in time order', async () => {
    const jobs = await t.db.selectFrom('jobs').select(['id', 'status', 'source_id']).where('company_id', '=', demo.company.id).execute();
    expect(jobs.length).toBe(demo.jobs.length);
    for (const status of JOB_STATUSES) expect(jobs.filter((j) => j.status === status).length, status).toBeGreaterThanOrEqual(1);

    const events = await t.db
      .selectFrom('job_events')
      .select(['job_id', 'type', 'created_at'])
      .where('company_id', '=', demo.company.id)
      .orderBy('job_id')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const byJob = new Map<string, { type: string; created_at: string }[]>();
    for (const event of events) byJob.set(event.job_id, [...(byJob.get(event.job_id) ?? []), event]);
    for (const job of jobs) {
      const timeline = byJob.get(job.id) ?? [];
      expect(timeline[0]?.type, job.id).toBe('job.created');
      expect(timeline.every((e) => e.created_at <= t.clock.now().toISOString())).toBe(true);
    }
    // Jobs came through all three doors.
    const sources = await t.app.services.sources.list(demo.company.id);
    const kinds = new Set(jobs.map((j) => sources.find((s) => s.id === j.source_id)!.kind));
    expect([...kinds].sort()).toEqual(['company', 'portal', 'third_party']);
  });

  it('signs staff in with the run’s password and opens the featured job by its link', async () => {
    const dispatcher = demo.dispatchers[0]!;
    const signIn = await call(t.app, 'POST', '/api/auth/sign-in', { body: { email: dispatcher.email, password } });
    expect(signIn.status).toBe(200);
    const cookie = `arrivo_session=${signIn.cookies.find((c) => c.name === 'arrivo_session')!.value}`;
    const onTheWay = await call(t.app, 'GET', '/api/jobs?status=en_route', { cookie });
    expect(onTheWay.body.items.length).toBeGreaterThanOrEqual(1);

    const featured = demo.jobs.find((j) => j.featured)!;
    const link = await t.app.services.accounts.createJobLink(demo.company.id, featured.id, featured.contactId);
    const view = await call(t.app, 'GET', `/api/portal/jobs/${featured.id}`, { cookie: `arrivo_job=${link.token}` });
    expect(view.status).toBe(200);
    expect(view.body.status).toBe('en_route');
    expect(view.body.technician.bio).toEqual(expect.any(String));
    expect(view.body.timeline.map((e: { type: string }) => e.type)).toEqual(['job.created', 'job.scheduled', 'job.note_added', 'job.en_route']);
  });

  it('plans a possible story at any hour of the day, across daylight-saving changes', () => {
    for (const day of ['2026-03-08T00:00:00Z', '2026-11-01T00:00:00Z']) {
      for (let minutes = 0; minutes < 26 * 60; minutes += 30) {
        const now = new Date(Date.parse(day) + minutes * 60_000);
        const plan = planDemoJobs(now, createRandom(DEMO_RANDOM_SEED));
        checkPlan(plan, now);
        expect(new Set(plan.map((j) => j.status)).size).toBe(JOB_STATUSES.length);
      }
    }
  });
});
