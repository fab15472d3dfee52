import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Caller } from '../helpers/http.js';
import { startFakeStripe, type FakeStripe } from '../helpers/fake-stripe.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createWorld, type World } from '../helpers/world.js';

const WEBHOOK_SECRET = 'whsec_test_arrivo';

describe('paying invoices through Stripe (a fake Stripe on loopback)', () => {
  let t: TestApp;
  let w: World;
  let stripe: FakeStripe;
  let dispatcher: Caller;
  let customer: Caller;

  beforeAll(async () => {
    stripe = await startFakeStripe();
    t = await createTestApp({ env: { STRIPE_SECRET_KEY: 'sk_test_arrivo', STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_PUBLISHABLE_KEY: 'pk_test_arrivo', STRIPE_API_BASE: stripe.url } });
    w = await createWorld(t);
    dispatcher = { cookie: w.dispatcher.cookie };
    customer = { cookie: w.household.contact.cookie };
    expect((await call(t.app, 'PATCH', '/api/billing/settings', { cookie: w.admin.cookie, body: { paymentsEnabled: true, paymentProvider: 'stripe' } })).status).toBe(200);
  });
  afterAll(async () => {
    await t.close();
    await stripe.close();
  });

  async function invoice() {
    const job = await call(t.app, 'POST', '/api/jobs', {
      ...dispatcher,
      body: { customerId: w.household.customerId, locationId: w.household.locationId, categoryId: w.categoryId, priority: 'normal', description: 'Leaking radiator' },
    });
    const created = await call(t.app, 'POST', '/api/billing/documents', {
      ...dispatcher,
      body: { jobId: job.body.id, kind: 'invoice', shared: true, lines: [{ kind: 'labour', description: 'Labour', quantity: 1, unitPriceMinor: 18_000, taxRateBp: 0 }] },
    });
    expect(created.status).toBe(201);
    return { jobId: job.body.id as string, documentId: created.body.id as string };
  }

  const pay = (jobId: string, documentId: string, body: object = {}, key = randomUUID()) =>
    call(t.app, 'POST', `/api/portal/jobs/${jobId}/documents/${documentId}/payments`, { ...customer, headers: { 'idempotency-key': key }, body });

  /** Delivers a webhook as Stripe would: the raw JSON, signed. */
  const deliver = (payload: string, signature = stripe.sign(payload, WEBHOOK_SECRET)) =>
    t.app.inject({ method: 'POST', url: '/api/payments/webhooks/stripe', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, payload });

  const invoiceState = async (documentId: string) => t.db.selectFrom('billing_documents').select(['status', 'amount_paid_minor', 'total_minor', 'paid_at']).where('id', '=', documentId).executeTakeFirstOrThrow();
  const timelineTypes = async (jobId: string) => (await t.db.selectFrom('job_events').select('type').where('job_id', '=', jobId).orderBy('created_at').execute()).map((e) => e.type);

  it('sends the customer to Stripe Checkout; the invoice is paid by the signed webhook, not by the redirect', async () => {
    const { jobId, documentId } = await invoice();
    const options = await call(t.app, 'GET', `/api/portal/jobs/${jobId}/documents/${documentId}/payments`, customer);
    expect(options.body).toMatchObject({ provider: 'stripe', collectsCard: false, testMode: true });

    const started = await pay(jobId, documentId);
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(started.body).toMatchObject({ status: 'pending', provider: 'stripe', amountMinor: 18_000 });
    expect(started.body.redirectUrl).toMatch(new RegExp(`^${stripe.url}/checkout/cs_test_`));
    const created = stripe.requests.filter((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions');
    expect(created.at(-1)!.idempotencyKey).toBe(`pay:${started.body.id}`);
    expect(created.at(-1)!.body).toMatchObject({ mode: 'payment', payment_intent_data: { metadata: { paymentId: started.body.id } } });

    // The customer pays on Stripe's page and the browser comes back: still pending until the webhook.
    const session = [...stripe.sessions.values()].find((s) => s.url === started.body.redirectUrl)!;
    const intent = stripe.completeCheckout(session.id);
    const afterRedirect = await call(t.app, 'GET', `/api/portal/jobs/${jobId}/payments/${started.body.id}`, customer);
    expect(afterRedirect.body.status).toBe('pending');
    expect((await invoiceState(documentId)).status).toBe('open');

    // A forged webhook changes nothing.
    const completed = stripe.event('checkout.session.completed', session);
    const forged = await deliver(completed.payload, stripe.sign(completed.payload, 'whsec_someone_else'));
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.code).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect((await deliver(completed.payload, 'garbage')).statusCode).toBe(400);
    expect((await invoiceState(documentId)).status).toBe('open');

    const delivered = await deliver(completed.payload);
    expect(delivered.statusCode).toBe(200);
    expect(delivered.json()).toEqual({ received: true, duplicate: false });
    const paid = await call(t.app, 'GET', `/api/portal/jobs/${jobId}/payments/${started.body.id}`, customer);
    expect(paid.body).toMatchObject({ status: 'succeeded', amountMinor: 18_000, cardLast4: '4242' });
    expect(await invoiceState(documentId)).toMatchObject({ status: 'paid', amount_paid_minor: 18_000 });
    const before = await timelineTypes(jobId);

    // Delivered twice: nothing changes the second time.
    expect((await deliver(completed.payload)).json()).toEqual({ received: true, duplicate: true });
    // Out of order: the intent's own events arrive late, a stale "failed" among them.
    const stale = stripe.event('payment_intent.payment_failed', { ...intent, status: 'requires_payment_method', last_payment_error: { message: 'declined' } });
    expect((await deliver(stale.payload)).statusCode).toBe(200);
    expect((await deliver(stripe.event('payment_intent.succeeded', intent).payload)).statusCode).toBe(200);
    expect(await timelineTypes(jobId)).toEqual(before);
    expect(await invoiceState(documentId)).toMatchObject({ status: 'paid', amount_paid_minor: 18_000 });
    expect(stripe.charges().filter((c) => c.metadata.paymentId === started.body.id)).toHaveLength(1);
  });

  it('follows a refund made in the Stripe dashboard, and a late "succeeded" does not undo it', async () => {
    const { jobId, documentId } = await invoice();
    const started = await pay(jobId, documentId);
    const session = [...stripe.sessions.values()].find((s) => s.url === started.body.redirectUrl)!;
    const intent = stripe.completeCheckout(session.id);
    const succeeded = stripe.event('payment_intent.succeeded', intent);
    stripe.refundFromDashboard(intent.id, 5_000);
    // charge.refunded arrives first, then the (older) succeeded.
    expect((await deliver(stripe.event('charge.refunded', { id: intent.latest_charge, object: 'charge', payment_intent: intent.id, metadata: {} }).payload)).statusCode).toBe(200);
    expect(await invoiceState(documentId)).toMatchObject({ status: 'open', amount_paid_minor: 13_000 });
    expect((await deliver(succeeded.payload)).statusCode).toBe(200);
    expect(await invoiceState(documentId)).toMatchObject({ status: 'open', amount_paid_minor: 13_000 });
    const types = await timelineTypes(jobId);
    expect(types.filter((x) => x === 'payment.received')).toHaveLength(1);
    expect(types.filter((x) => x === 'payment.refunded')).toHaveLength(1);
  });

  it('refunds through Stripe with an idempotency key, never more than was paid', async () => {
    const { jobId, documentId } = await invoice();
    const started = await pay(jobId, documentId);
    const session = [...stripe.sessions.values()].find((s) => s.url === started.body.redirectUrl)!;
    stripe.completeCheckout(session.id);
    await deliver(stripe.event('checkout.session.completed', session).payload);
    const refund = await call(t.app, 'POST', `/api/payments/${started.body.id}/refunds`, { ...dispatcher, body: { amount: 18_000, reason: 'Goodwill' } });
    expect(refund.status, JSON.stringify(refund.body)).toBe(200);
    expect(refund.body).toMatchObject({ amountRefundedMinor: 18_000, refunds: [{ amountMinor: 18_000, status: 'succeeded' }] });
    const call_ = stripe.requests.filter((r) => r.path === '/v1/refunds' && r.method === 'POST').at(-1)!;
    expect(call_.idempotencyKey).toBe(`refund:${refund.body.refunds[0].id}`);
    expect(await invoiceState(documentId)).toMatchObject({ status: 'open', amount_paid_minor: 0, paid_at: null });
    const over = await call(t.app, 'POST', `/api/payments/${started.body.id}/refunds`, { ...dispatcher, body: { amount: 1 } });
    expect(over.status).toBe(400);
    expect(over.body.error.details.fields[0].field).toBe('amount');
    // The refund's own webhook, arriving after, adds nothing.
    const [stripeRefund] = stripe.refunds.filter((r) => r.metadata.paymentId === started.body.id);
    expect((await deliver(stripe.event('charge.refunded', { id: 'ch_x', object: 'charge', payment_intent: stripeRefund!.payment_intent, metadata: {} }).payload)).statusCode).toBe(200);
    expect((await t.db.selectFrom('payment_refunds').selectAll().where('payment_id', '=', started.body.id).execute()).length).toBe(1);
  });

  it('opens one Checkout for 10 simultaneous pays of the same invoice, every provider call with the same idempotency key', async () => {
    const { documentId, jobId } = await invoice();
    const before = stripe.requests.length;
    const answers = await Promise.all(Array.from({ length: 10 }, () => pay(jobId, documentId)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(new Set(answers.map((a) => a.body.redirectUrl)).size).toBe(1);
    const calls = stripe.requests.slice(before).filter((r) => r.method === 'POST');
    expect(calls.length).toBeGreaterThan(0);
    expect(new Set(calls.map((r) => r.idempotencyKey))).toEqual(new Set([`pay:${answers[0]!.body.id}`]));
    const sessions = [...stripe.sessions.values()].filter((s) => s.metadata.documentId === documentId);
    expect(sessions).toHaveLength(1);
    expect((await t.db.selectFrom('payments').selectAll().where('document_id', '=', documentId).execute()).length).toBe(1);
  });

  it('a new amount withdraws the open Checkout first (expired at Stripe), so the old page can no longer charge', async () => {
    const { jobId, documentId } = await invoice();
    const full = await pay(jobId, documentId);
    const partial = await pay(jobId, documentId, { amount: 5_000 });
    expect(partial.status, JSON.stringify(partial.body)).toBe(200);
    expect(partial.body.id).not.toBe(full.body.id);
    const oldSession = [...stripe.sessions.values()].find((s) => s.url === full.body.redirectUrl)!;
    expect(oldSession.status).toBe('expired');
    expect(stripe.requests.find((r) => r.path === `/v1/checkout/sessions/${oldSession.id}/expire`)!.idempotencyKey).toBe(`cancel:${full.body.id}`);
    expect((await t.db.selectFrom('payments').select('status').where('id', '=', full.body.id).executeTakeFirstOrThrow()).status).toBe('canceled');
    // The customer paid that page in another tab just before choosing yet another amount: it is
    // not withdrawn but taken as paid (read from Stripe, before any webhook), and the new amount starts afresh.
    const partialSession = [...stripe.sessions.values()].find((s) => s.url === partial.body.redirectUrl)!;
    stripe.completeCheckout(partialSession.id);
    const more = await pay(jobId, documentId, { amount: 1_000 });
    expect(more.status, JSON.stringify(more.body)).toBe(200);
    expect(more.body).toMatchObject({ status: 'pending', amountMinor: 1_000 });
    expect(partialSession.status).toBe('complete');
    expect(await invoiceState(documentId)).toMatchObject({ status: 'open', amount_paid_minor: 5_000 });
  });

  it('saves the card at payment, lists and removes it, and auto-pays a recurring-plan invoice once', async () => {
    const { jobId, documentId } = await invoice();
    const started = await pay(jobId, documentId, { savePaymentMethod: true });
    const session = [...stripe.sessions.values()].find((s) => s.url === started.body.redirectUrl)!;
    expect(session.customer).toMatch(/^cus_/);
    expect(session.payment_intent_data.setup_future_usage).toBe('off_session');
    stripe.completeCheckout(session.id);
    await deliver(stripe.event('checkout.session.completed', session).payload);
    const billing = await call(t.app, 'GET', '/api/portal/billing', customer);
    expect(billing.body.savedCards).toEqual([expect.objectContaining({ last4: '4242', isDefault: true })]);

    // A job of a recurring plan: its invoice is charged to the saved card when it is shared.
    const planJob = await call(t.app, 'POST', '/api/jobs', {
      ...dispatcher,
      body: { customerId: w.household.customerId, locationId: w.household.locationId, categoryId: w.categoryId, priority: 'normal', description: 'Quarterly maintenance' },
    });
    const planId = randomUUID();
    await t.db
      .insertInto('service_plans')
      .values({
        id: planId,
        company_id: w.companyId,
        customer_id: w.household.customerId,
        location_id: w.household.locationId,
        category_id: w.categoryId,
        name: 'Quarterly maintenance',
        rrule: 'DTSTART;TZID=America/Chicago:20260113T090000\nRRULE:FREQ=MONTHLY;INTERVAL=3',
        status: 'active',
        preferred_time_of_day: null,
        preferred_technician_id: null,
        notes: '',
        generate_from: '2026-01-13',
        suspended_at: null,
        created_by: null,
        created_at: t.clock.now().toISOString(),
        updated_at: t.clock.now().toISOString(),
      } as never)
      .execute();
    await t.db.updateTable('jobs').set({ service_plan_id: planId }).where('id', '=', planJob.body.id).execute();
    expect((await call(t.app, 'PUT', '/api/portal/billing/autopay', { ...customer, body: { enabled: true } })).body).toEqual({ enabled: true });
    const created = await call(t.app, 'POST', '/api/billing/documents', {
      ...dispatcher,
      body: { jobId: planJob.body.id, kind: 'invoice', shared: true, lines: [{ kind: 'service', description: 'Maintenance', quantity: 1, unitPriceMinor: 9_900, taxRateBp: 0 }] },
    });
    // Auto-pay runs after the share committed; wait for it through the API, as a screen would.
    let state = await invoiceState(created.body.id);
    for (let i = 0; i < 50 && state.status !== 'paid'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      state = await invoiceState(created.body.id);
    }
    expect(state).toMatchObject({ status: 'paid', amount_paid_minor: 9_900 });
    const autopay = stripe.requests.filter((r) => r.path === '/v1/payment_intents' && r.method === 'POST');
    expect(autopay.map((r) => r.idempotencyKey)).toEqual([`autopay:${created.body.id}`]);
    // Running it again (a redelivered share) charges nothing more.
    expect(await t.app.services.payments.autopayInvoice(w.companyId, created.body.id)).toBeNull();
    expect(stripe.charges().filter((c) => c.metadata.documentId === created.body.id)).toHaveLength(1);

    const card = billing.body.savedCards[0];
    expect((await call(t.app, 'DELETE', `/api/portal/billing/payment-methods/${card.paymentMethodId}`, customer)).status).toBe(200);
    const after = await call(t.app, 'GET', '/api/portal/billing', customer);
    expect(after.body.savedCards).toEqual([]);
    expect(after.body.autopay.enabled).toBe(false);
    expect((await call(t.app, 'DELETE', `/api/portal/billing/payment-methods/${card.paymentMethodId}`, { cookie: w.organisation.admin.cookie })).status).toBe(404);
  });

  it('answers 404 to webhooks when Stripe is not configured, and refuses a company choosing Stripe then', async () => {
    const plain = await createTestApp();
    try {
      const answer = await plain.app.inject({ method: 'POST', url: '/api/payments/webhooks/stripe', headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=x' }, payload: '{}' });
      expect(answer.statusCode).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
