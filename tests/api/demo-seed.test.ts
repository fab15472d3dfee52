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
    const jobs = await t.db.selectFrom('jobs').select(['id', 'status', 'source_id', 'service_plan_id']).where('company_id', '=', demo.company.id).execute();
    // The stories' jobs, and the visits the service plans booked.
    expect(jobs.filter((j) => j.service_plan_id === null).length).toBe(demo.jobs.length);
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
    // Billing, payments and surveys wrote on the timelines of the jobs they belong to.
    const types = new Set(events.map((e) => e.type));
    for (const type of ['estimate.shared', 'estimate.approved', 'invoice.shared', 'payment.received', 'invoice.paid']) expect(types, type).toContain(type);
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

  it('bills in dollars with Austin sales tax and takes cards online through the offline provider', async () => {
    const settings = await t.app.services.billing.settings(demo.company.id);
    expect(settings).toMatchObject({ paymentsEnabled: true, paymentProvider: 'offline', defaultTaxRateBp: 825, currency: 'USD' });
    const documents = await t.app.services.billing.list(demo.company.id, {});
    // Gapless numbers per kind, in the order they were written.
    expect(documents.filter((d) => d.kind === 'invoice').map((d) => d.number).sort()).toEqual(['INV-00001', 'INV-00002', 'INV-00003', 'INV-00004']);
    expect(documents.filter((d) => d.kind === 'estimate').map((d) => d.number).sort()).toEqual(['EST-00001', 'EST-00002', 'EST-00003']);
    for (const summary of documents) {
      const document = await t.app.services.billing.staffView(demo.company.id, summary.id);
      for (const option of document.options) {
        expect(option.totalMinor).toBe(option.subtotalMinor - option.discountMinor + option.taxMinor);
        expect(option.taxes.map((tax) => tax.rateBp)).toEqual([825]);
      }
    }
  });

  it('has an overdue, a partly paid, a paid and a draft invoice, each balance its total less its payments', async () => {
    const { invoices } = demo.features;
    const now = t.clock.now().toISOString();
    const view = (id: string) => t.app.services.billing.staffView(demo.company.id, id);
    const paymentsOf = async (id: string) => t.app.services.payments.listPayments(demo.company.id, { documentId: id, limit: 50 });

    const overdue = await view(invoices.overdue.id);
    expect(overdue).toMatchObject({ status: 'open', shared: true, amountPaidMinor: 0 });
    expect(overdue.dueAt! < now).toBe(true);
    const overdueList = await t.app.services.payments.listInvoices(demo.company.id, { status: 'overdue', limit: 50 });
    expect(overdueList.map((i) => i.id)).toContain(invoices.overdue.id);

    const partly = await view(invoices.partlyPaid.id);
    expect(partly.status).toBe('open');
    expect(partly.amountPaidMinor).toBeGreaterThan(0);
    expect(partly.balanceMinor).toBeGreaterThan(0);

    const paid = await view(invoices.paid.id);
    expect(paid).toMatchObject({ status: 'paid', balanceMinor: 0 });
    const [card] = await paymentsOf(invoices.paid.id);
    expect(card).toMatchObject({ method: 'card', provider: 'offline', status: 'succeeded', cardLast4: '4242', amountMinor: paid.totalMinor });
    expect(card!.receiptNumber).toMatch(/^RCT-\d{5}$/);

    const draft = await view(invoices.draft.id);
    expect(draft).toMatchObject({ status: 'draft', shared: false });

    for (const invoice of [overdue, partly, paid, draft]) {
      const payments = await paymentsOf(invoice.id);
      const net = payments.filter((p) => p.status === 'succeeded').reduce((sum, p) => sum + p.amountMinor - p.amountRefundedMinor, 0);
      expect(invoice.amountPaidMinor, invoice.number).toBe(net);
      expect(invoice.balanceMinor, invoice.number).toBe(invoice.totalMinor - net);
      expect(invoice.totalMinor).toBeGreaterThan(0);
    }
  });

  it('shows the estimate awaiting approval, with Repair and Replace, through its customer’s job link; not the draft', async () => {
    const { awaitingApproval, approved, draft } = demo.features.estimates;
    const link = await t.app.services.accounts.createJobLink(demo.company.id, awaitingApproval.jobId, awaitingApproval.contactId);
    const cookie = `arrivo_job=${link.token}`;
    const list = await call(t.app, 'GET', `/api/portal/jobs/${awaitingApproval.jobId}/documents`, { cookie });
    expect(list.status).toBe(200);
    expect(list.body.items.map((d: { id: string }) => d.id)).toContain(awaitingApproval.id);
    const estimate = await call(t.app, 'GET', `/api/portal/jobs/${awaitingApproval.jobId}/documents/${awaitingApproval.id}`, { cookie });
    expect(estimate.status).toBe(200);
    expect(estimate.body).toMatchObject({ kind: 'estimate', status: 'sent', canRespond: true });
    expect(estimate.body.options.map((o: { title: string }) => o.title)).toEqual(['Repair', 'Replace']);
    expect(estimate.body.options[1].totalMinor).toBeGreaterThan(estimate.body.options[0].totalMinor);
    // Its customer asked about it, and the office answered.
    const thread = await call(t.app, 'GET', `/api/portal/jobs/${awaitingApproval.jobId}/messages`, { cookie });
    expect(thread.body.items.map((m: { author: { kind: string } }) => m.author.kind)).toEqual(['customer', 'staff']);

    const approvedView = await t.app.services.billing.staffView(demo.company.id, approved.id);
    expect(approvedView.status).toBe('approved');
    expect(approvedView.approval?.signerName).toEqual(expect.any(String));
    const draftView = await t.app.services.billing.staffView(demo.company.id, draft.id);
    expect(draftView.status).toBe('draft');
    const draftLink = await t.app.services.accounts.createJobLink(demo.company.id, draft.jobId, draft.contactId);
    const hidden = await call(t.app, 'GET', `/api/portal/jobs/${draft.jobId}/documents/${draft.id}`, { cookie: `arrivo_job=${draftLink.token}` });
    expect(hidden.status).toBe(404);
  });

  it('has recurring service plans with their next visits booked, one customer on auto-pay', async () => {
    const plans = (await t.app.services.servicePlans.list(demo.company.id)).items;
    expect(plans.map((p) => p.id).sort()).toEqual([...demo.features.planIds].sort());
    const today = t.clock.now().toISOString().slice(0, 10);
    for (const plan of plans) {
      expect(plan.status).toBe('active');
      const booked = plan.upcoming.filter((v) => v.state === 'booked' && v.jobId !== null);
      expect(booked.length, plan.name).toBeGreaterThanOrEqual(1);
      expect(plan.nextVisit!.date >= today).toBe(true);
    }
    const planJobs = await t.db.selectFrom('jobs').select(['status']).where('company_id', '=', demo.company.id).where('service_plan_id', 'is not', null).execute();
    expect(planJobs.length).toBeGreaterThanOrEqual(plans.length);
    const autopay = await t.db.selectFrom('payment_profiles').select(['customer_id', 'autopay_enabled', 'default_payment_method_id']).where('company_id', '=', demo.company.id).execute();
    expect(autopay.filter((p) => Number(p.autopay_enabled) === 1 && p.default_payment_method_id)).toHaveLength(1);
  });

  it('assigns new requests by the dispatch rules, with a preferred technician on one customer', async () => {
    const rules = await t.app.services.dispatch.rules(demo.company.id);
    expect(rules.autoAssignNewRequests).toBe(true);
    const { customerId, technicianId } = demo.features.preferredTechnician;
    const preferred = await t.app.services.dispatch.preferredTechnician(demo.company.id, customerId);
    expect(preferred.technician?.id).toBe(technicianId);
  });

  it('has one unread conversation in the office inbox and answered ones', async () => {
    const dispatcher = demo.dispatchers[0]!;
    const staff = { role: 'dispatcher' as const, companyId: demo.company.id, userId: dispatcher.id, sessionId: 'test', name: dispatcher.name, email: dispatcher.email };
    const inbox = await t.app.services.messaging.inbox(staff, { limit: 50, offset: 0 });
    expect(inbox.unreadThreads).toBe(1);
    expect(inbox.items.find((i) => i.unreadCount > 0)?.jobId).toBe(demo.features.threads.unanswered);
    for (const jobId of demo.features.threads.answered) {
      const thread = inbox.items.find((i) => i.jobId === jobId)!;
      expect(thread).toMatchObject({ messageCount: 2, unreadCount: 0 });
      expect(thread.lastMessage.author.kind).toBe('staff');
    }
  });

  it('has survey answers on completed jobs, mostly 4–5 stars and one 2-star with a comment', async () => {
    const dispatcher = demo.dispatchers[0]!;
    const staff = { role: 'dispatcher' as const, companyId: demo.company.id, userId: dispatcher.id, sessionId: 'test', name: dispatcher.name, email: dispatcher.email };
    const feedback = await t.app.services.surveys.feedback(staff, { sort: 'lowest', limit: 50, offset: 0 });
    expect(feedback.summary.count).toBe(demo.features.surveyJobIds.length);
    expect(feedback.summary.distribution['2']).toBe(1);
    expect(feedback.summary.distribution['4'] + feedback.summary.distribution['5']).toBe(feedback.summary.count - 1);
    expect(feedback.items[0]).toMatchObject({ rating: 2, wouldRecommend: false, comment: expect.any(String) });
    const statuses = await t.db.selectFrom('jobs').select('status').where('id', 'in', demo.features.surveyJobIds).execute();
    expect(statuses.every((j) => j.status === 'completed')).toBe(true);
  });

  it('lets the featured customer pay the overdue invoice with the test card', async () => {
    const { overdue } = demo.features.invoices;
    const link = await t.app.services.accounts.createJobLink(demo.company.id, overdue.jobId, overdue.contactId);
    const cookie = `arrivo_job=${link.token}`;
    const options = await call(t.app, 'GET', `/api/portal/jobs/${overdue.jobId}/documents/${overdue.id}/payments`, { cookie });
    expect(options.status).toBe(200);
    expect(options.body).toMatchObject({ paymentsEnabled: true, provider: 'offline', collectsCard: true, testMode: true });
    const paid = await call(t.app, 'POST', `/api/portal/jobs/${overdue.jobId}/documents/${overdue.id}/payments`, {
      cookie,
      headers: { 'idempotency-key': `test-${randomUUID()}` },
      body: { card: { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2034, cvc: '123' } },
    });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body.status).toBe('succeeded');
    const invoice = await t.app.services.billing.staffView(demo.company.id, overdue.id);
    expect(invoice).toMatchObject({ status: 'paid', balanceMinor: 0 });
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
