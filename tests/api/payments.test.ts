import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { DAY } from '../../src/server/lib/clock.js';
import { call, type Caller } from '../helpers/http.js';
import { startMailInbox, type MailInbox } from '../helpers/mail-inbox.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createWorld, jobLinkCookie, type World } from '../helpers/world.js';

/** A PDF's text, all pages, whitespace collapsed. */
async function pdfText(pdf: Buffer): Promise<string> {
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= document.numPages; i++) pages.push((await (await document.getPage(i)).getTextContent()).items.map((item) => ('str' in item ? item.str : '')).join(' '));
  return pages.join(' ').replace(/\s+/g, ' ');
}

const CARD = { number: '4242 4242 4242 4242', expMonth: 12, expYear: 2030, cvc: '123', name: 'Ana García' };
const DECLINED = { ...CARD, number: '4000 0000 0000 0002' };

describe('paying invoices with the offline provider', () => {
  let t: TestApp;
  let w: World;
  let inbox: MailInbox;
  let dispatcher: Caller;
  let customer: Caller;

  beforeAll(async () => {
    inbox = await startMailInbox();
    t = await createTestApp({ realMailer: true, env: { SMTP_URL: inbox.url } });
    w = await createWorld(t);
    dispatcher = { cookie: w.dispatcher.cookie };
    customer = { cookie: w.household.contact.cookie };
    const settings = await call(t.app, 'PATCH', '/api/billing/settings', { cookie: w.admin.cookie, body: { paymentsEnabled: true, paymentProvider: 'offline' } });
    expect(settings.status).toBe(200);
  });
  afterAll(async () => {
    await t.close();
    await inbox.close();
  });

  async function newJob(customerId = w.household.customerId, locationId = w.household.locationId) {
    const job = await call(t.app, 'POST', '/api/jobs', { ...dispatcher, body: { customerId, locationId, categoryId: w.categoryId, priority: 'normal', description: 'Boiler makes a noise' } });
    expect(job.status).toBe(201);
    return job.body.id as string;
  }

  /** An invoice of 2 × $125.00 (no tax) on a job, shared (so issued and open) unless asked otherwise. */
  async function invoice(options: { jobId?: string; shared?: boolean; dueAt?: string } = {}) {
    const jobId = options.jobId ?? (await newJob());
    const created = await call(t.app, 'POST', '/api/billing/documents', {
      ...dispatcher,
      body: { jobId, kind: 'invoice', shared: options.shared ?? true, lines: [{ kind: 'service', description: 'Boiler repair', quantity: 2, unitPriceMinor: 12_500, taxRateBp: 0 }], ...(options.dueAt ? { dueAt: options.dueAt } : {}) },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return { jobId, documentId: created.body.id as string, number: created.body.number as string };
  }

  const pay = (jobId: string, documentId: string, body: object, caller: Caller = customer, key: string = randomUUID()) =>
    call(t.app, 'POST', `/api/portal/jobs/${jobId}/documents/${documentId}/payments`, { ...caller, headers: { 'idempotency-key': key }, body });

  async function invoiceRow(documentId: string) {
    const list = await call(t.app, 'GET', '/api/payments/invoices?limit=500', dispatcher);
    return list.body.items.find((i: { id: string }) => i.id === documentId);
  }

  /** The invariant: the invoice's balance is its total less what its payments took net of refunds. */
  async function expectBalanceInvariant(documentId: string) {
    const row = await invoiceRow(documentId);
    const payments = (await call(t.app, 'GET', `/api/payments?documentId=${documentId}&status=succeeded`, dispatcher)).body.items as { amountMinor: number; refunds: { amountMinor: number; status: string }[] }[];
    const net = payments.reduce((sum, p) => sum + p.amountMinor - p.refunds.filter((r) => r.status === 'succeeded').reduce((s, r) => s + r.amountMinor, 0), 0);
    expect(row.amountPaidMinor).toBe(net);
    expect(row.balanceMinor).toBe(row.totalMinor - net);
    return row as { status: string; balanceMinor: number; amountPaidMinor: number; totalMinor: number; paidAt: string | null };
  }

  it('pays the whole balance with the test card: the invoice is paid, the receipt is mailed, staff are told', async () => {
    const { jobId, documentId, number } = await invoice();
    const options = await call(t.app, 'GET', `/api/portal/jobs/${jobId}/documents/${documentId}/payments`, customer);
    expect(options.status).toBe(200);
    expect(options.body).toMatchObject({ paymentsEnabled: true, provider: 'offline', collectsCard: true, testMode: true, invoice: { balanceMinor: 25_000, status: 'open' } });

    const paid = await pay(jobId, documentId, { card: CARD });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body).toMatchObject({ status: 'succeeded', amountMinor: 25_000, currency: 'USD', cardBrand: 'visa', cardLast4: '4242', method: 'card', provider: 'offline' });
    expect(paid.body.receiptNumber).toMatch(/^RCT-\d{5}$/);
    const row = await expectBalanceInvariant(documentId);
    expect(row).toMatchObject({ status: 'paid', balanceMinor: 0 });
    expect(row.paidAt).not.toBeNull();

    const timeline = (await call(t.app, 'GET', `/api/jobs/${jobId}`, dispatcher)).body.timeline as { type: string }[];
    expect(timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['payment.received', 'invoice.paid']));

    await t.app.services.notificationWorker.drain();
    const receipt = await inbox.waitFor(1, (m) => m.envelopeTo.includes(w.household.contact.email) && m.subject.includes(`Payment received for invoice ${number}`));
    expect(receipt[0]!.text).toContain('$250.00');
    expect(receipt[0]!.text).toContain(paid.body.receiptNumber);
    await inbox.waitFor(1, (m) => m.subject.includes(`paid invoice ${number}`));

    const pdf = await t.app.inject({ method: 'GET', url: `/api/portal/jobs/${jobId}/payments/${paid.body.id}/receipt.pdf`, headers: { cookie: customer.cookie! } });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf.rawPayload);
    for (const expected of ['Receipt', paid.body.receiptNumber, number, 'visa ending 4242', 'Amount received', '$250.00', 'Balance due', '$0.00', 'García household', w.slug.split('-')[0]!]) expect(text).toContain(expected);
    const staffPdf = await t.app.inject({ method: 'GET', url: `/api/payments/${paid.body.id}/receipt.pdf`, headers: { cookie: dispatcher.cookie! } });
    expect(staffPdf.statusCode).toBe(200);

    // Paying again: nothing left to pay.
    const again = await pay(jobId, documentId, { card: CARD });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVOICE_PAID');
  });

  it('names the field: a bad card number, an amount over the balance, a partial payment when the company refuses them', async () => {
    const { jobId, documentId } = await invoice();
    const badCard = await pay(jobId, documentId, { card: { ...CARD, number: '4242 4242 4242 4241' } });
    expect(badCard.status).toBe(400);
    expect(badCard.body.error.details.fields[0].field).toBe('card.number');
    const expired = await pay(jobId, documentId, { card: { ...CARD, expMonth: 1, expYear: 2025 } });
    expect(expired.status).toBe(400);
    expect(expired.body.error.details.fields[0].field).toBe('card.expYear');
    const noCard = await pay(jobId, documentId, {});
    expect(noCard.status).toBe(400);
    expect(noCard.body.error.details.fields[0].field).toBe('card.number');
    const tooMuch = await pay(jobId, documentId, { card: CARD, amount: 25_001 });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error.details.fields[0].field).toBe('amount');
    const negative = await pay(jobId, documentId, { card: CARD, amount: -5 });
    expect(negative.status).toBe(400);
    expect(JSON.stringify(negative.body.error.details)).toContain('amount');

    expect((await call(t.app, 'PATCH', '/api/payments/settings', { cookie: w.admin.cookie, body: { allowPartialPayments: false } })).status).toBe(200);
    const partial = await pay(jobId, documentId, { card: CARD, amount: 5_000 });
    expect(partial.status).toBe(400);
    expect(partial.body.error.details.fields[0].field).toBe('amount');
    expect((await call(t.app, 'PATCH', '/api/payments/settings', { cookie: w.admin.cookie, body: { allowPartialPayments: true } })).status).toBe(200);
    expect((await expectBalanceInvariant(documentId)).balanceMinor).toBe(25_000);
  });

  it('slows down card testing: more than 30 tries on one invoice in 10 minutes answers 429', async () => {
    const { jobId, documentId } = await invoice();
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await pay(jobId, documentId, { card: { ...CARD, number: '4242 4242 4242 4241' } })).status);
    expect(statuses.slice(0, 30).every((s) => s === 400)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it('a declined card fails the attempt and leaves the invoice open; the next try is a new attempt', async () => {
    const { jobId, documentId } = await invoice();
    const declined = await pay(jobId, documentId, { card: DECLINED });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ status: 'failed', failureMessage: 'Your card was declined.' });
    expect((await expectBalanceInvariant(documentId)).status).toBe('open');
    const ok = await pay(jobId, documentId, { card: CARD });
    expect(ok.body.status).toBe('succeeded');
    expect(ok.body.id).not.toBe(declined.body.id);
    expect((await expectBalanceInvariant(documentId)).status).toBe('paid');
  });

  it('partial payments, staff-recorded payments and refunds keep balance = invoice − payments at every step', async () => {
    const { jobId, documentId } = await invoice();
    const first = await pay(jobId, documentId, { card: CARD, amount: 10_000 });
    expect(first.body).toMatchObject({ status: 'succeeded', amountMinor: 10_000 });
    expect(await expectBalanceInvariant(documentId)).toMatchObject({ status: 'open', balanceMinor: 15_000 });

    const cash = await call(t.app, 'POST', `/api/payments/invoices/${documentId}/payments`, { ...dispatcher, body: { amount: 5_000, method: 'cash', note: 'Paid the technician' } });
    expect(cash.status).toBe(201);
    expect(await expectBalanceInvariant(documentId)).toMatchObject({ status: 'open', balanceMinor: 10_000 });

    const overRecord = await call(t.app, 'POST', `/api/payments/invoices/${documentId}/payments`, { ...dispatcher, body: { amount: 10_001, method: 'check' } });
    expect(overRecord.status).toBe(400);
    expect(overRecord.body.error.details.fields[0].field).toBe('amount');
    const badMethod = await call(t.app, 'POST', `/api/payments/invoices/${documentId}/payments`, { ...dispatcher, body: { amount: 100, method: 'bitcoin' } });
    expect(badMethod.status).toBe(400);
    expect(JSON.stringify(badMethod.body.error.details)).toContain('method');

    const check = await call(t.app, 'POST', `/api/payments/invoices/${documentId}/payments`, { ...dispatcher, body: { amount: 10_000, method: 'check', reference: 'Check 1042' } });
    expect(check.status).toBe(201);
    expect(await expectBalanceInvariant(documentId)).toMatchObject({ status: 'paid', balanceMinor: 0 });

    // A partial refund of the card payment goes through the provider and reopens the invoice.
    const refund = await call(t.app, 'POST', `/api/payments/${first.body.id}/refunds`, { ...dispatcher, body: { amount: 4_000, reason: 'Part not needed' } });
    expect(refund.status, JSON.stringify(refund.body)).toBe(200);
    expect(refund.body).toMatchObject({ amountRefundedMinor: 4_000, refunds: [{ amountMinor: 4_000, status: 'succeeded' }] });
    expect(await expectBalanceInvariant(documentId)).toMatchObject({ status: 'open', balanceMinor: 4_000, paidAt: null });
    const offlineRefunds = await t.db.selectFrom('offline_card_refunds').selectAll().execute();
    expect(offlineRefunds.filter((r) => r.amount_minor === 4_000)).toHaveLength(1);

    // Never more than was paid on that payment.
    const over = await call(t.app, 'POST', `/api/payments/${first.body.id}/refunds`, { ...dispatcher, body: { amount: 6_001 } });
    expect(over.status).toBe(400);
    expect(over.body.error.details.fields[0].field).toBe('amount');
    const cashRefund = await call(t.app, 'POST', `/api/payments/${cash.body.id}/refunds`, { ...dispatcher, body: { amount: 5_000 } });
    expect(cashRefund.status).toBe(200);
    expect(await expectBalanceInvariant(documentId)).toMatchObject({ status: 'open', balanceMinor: 9_000 });

    const types = ((await call(t.app, 'GET', `/api/jobs/${jobId}`, dispatcher)).body.timeline as { type: string }[]).map((e) => e.type);
    expect(types.filter((type) => type === 'payment.received')).toHaveLength(3);
    expect(types.filter((type) => type === 'payment.refunded')).toHaveLength(2);
    expect(types).toContain('invoice.reopened');

    // Technicians and customers cannot record or refund.
    expect((await call(t.app, 'POST', `/api/payments/${first.body.id}/refunds`, { cookie: w.technician.cookie, body: { amount: 1 } })).status).toBe(403);
    expect((await call(t.app, 'POST', `/api/payments/invoices/${documentId}/payments`, { ...customer, body: { amount: 1, method: 'cash' } })).status).toBe(403);
  });

  it('charges once for 10 payments of the same invoice at the same moment (double clicks and two tabs)', async () => {
    const { jobId, documentId } = await invoice();
    const sameKey = randomUUID();
    // Half are one tab's double-click (one key), half are other tabs (a key each).
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => pay(jobId, documentId, { card: CARD }, customer, i % 2 === 0 ? sameKey : randomUUID())));
    const succeeded = answers.filter((a) => a.status === 200 && a.body.status === 'succeeded');
    expect(answers.every((a) => a.status === 200 || (a.status === 409 && a.body.error.code === 'INVOICE_PAID')), JSON.stringify(answers.map((a) => [a.status, a.body.error?.code]))).toBe(true);
    expect(new Set(succeeded.map((a) => a.body.id)).size).toBe(1);
    const payments = await t.db.selectFrom('payments').selectAll().where('document_id', '=', documentId).execute();
    expect(payments.filter((p) => p.status === 'succeeded')).toHaveLength(1);
    const charges = await t.db.selectFrom('offline_card_payments').selectAll().where('payment_id', 'in', payments.map((p) => p.id)).where('status', '=', 'succeeded').execute();
    expect(charges).toHaveLength(1);
    expect(await expectBalanceInvariant(documentId)).toMatchObject({ status: 'paid', amountPaidMinor: 25_000 });
  });

  it('never pays a draft, void, unshared or another customer’s invoice (404/409), and a job link opens only its own job', async () => {
    const draft = await invoice({ shared: false });
    expect((await pay(draft.jobId, draft.documentId, { card: CARD })).status).toBe(404);
    expect((await call(t.app, 'GET', `/api/portal/jobs/${draft.jobId}/documents/${draft.documentId}/payments`, customer)).status).toBe(404);

    const voided = await invoice();
    expect((await call(t.app, 'POST', `/api/billing/documents/${voided.documentId}/void`, { ...dispatcher, body: {} })).status).toBe(200);
    const voidPay = await pay(voided.jobId, voided.documentId, { card: CARD });
    expect(voidPay.status).toBe(409);
    expect(voidPay.body.error.code).toBe('INVOICE_VOID');

    const theirs = await invoice({ jobId: await newJob(w.organisation.customerId, w.organisation.locationIds[0]!) });
    expect((await pay(theirs.jobId, theirs.documentId, { card: CARD })).status).toBe(404);
    const mine = await invoice();
    // Someone else's invoice through my own job's URL: not found either.
    expect((await pay(mine.jobId, theirs.documentId, { card: CARD })).status).toBe(404);

    const link = await jobLinkCookie(t, w, mine.jobId, w.household.contact.id);
    expect((await pay(theirs.jobId, theirs.documentId, { card: CARD }, { cookie: link.cookie })).status).toBe(404);
    const viaLink = await pay(mine.jobId, mine.documentId, { card: CARD }, { cookie: link.cookie });
    expect(viaLink.body.status).toBe('succeeded');
    const receipt = await t.app.inject({ method: 'GET', url: `/api/portal/jobs/${mine.jobId}/payments/${viaLink.body.id}/receipt.pdf`, headers: { cookie: link.cookie } });
    expect(receipt.statusCode).toBe(200);
    const otherReceipt = await t.app.inject({ method: 'GET', url: `/api/portal/jobs/${mine.jobId}/payments/${viaLink.body.id}/receipt.pdf`, headers: { cookie: w.organisation.admin.cookie } });
    expect(otherReceipt.statusCode).toBe(404);
  });

  it('shows the Billing page: balance, open invoices, payment history', async () => {
    const open = await invoice();
    const billing = await call(t.app, 'GET', '/api/portal/billing', customer);
    expect(billing.status).toBe(200);
    const ids = billing.body.invoices.map((i: { id: string }) => i.id);
    expect(ids).toContain(open.documentId);
    const openInvoices = billing.body.invoices.filter((i: { status: string }) => i.status === 'open');
    expect(billing.body.balances).toEqual([{ currency: 'USD', balanceMinor: openInvoices.reduce((s: number, i: { balanceMinor: number }) => s + i.balanceMinor, 0) }]);
    expect(billing.body.payments.length).toBeGreaterThan(0);
    expect(billing.body.payments.every((p: { customerId: string }) => p.customerId === w.household.customerId)).toBe(true);
    // Another customer sees none of it.
    const theirs = await call(t.app, 'GET', '/api/portal/billing', { cookie: w.organisation.admin.cookie });
    expect(theirs.body.invoices.map((i: { id: string }) => i.id)).not.toContain(open.documentId);
  });

  it('auto-pays a service-plan invoice with the saved card, once; a failed charge leaves it open and tells the customer', async () => {
    // Ana saves her card while paying an invoice.
    const first = await invoice();
    const saved = await pay(first.jobId, first.documentId, { card: CARD, savePaymentMethod: true });
    expect(saved.body.status).toBe('succeeded');
    const billing = await call(t.app, 'GET', '/api/portal/billing', customer);
    expect(billing.body.savedCards).toEqual([expect.objectContaining({ brand: 'visa', last4: '4242', isDefault: true })]);
    // A job link cannot save cards (it is not an account).
    const linked = await invoice();
    const link = await jobLinkCookie(t, w, linked.jobId, w.household.contact.id);
    const viaLink = await call(t.app, 'GET', `/api/portal/jobs/${linked.jobId}/documents/${linked.documentId}/payments`, { cookie: link.cookie });
    expect(viaLink.body).toMatchObject({ canSaveCard: false, savedCards: [] });

    const planJob = await newJob();
    const planId = randomUUID();
    const now = t.clock.now().toISOString();
    await t.db
      .insertInto('service_plans')
      .values({ id: planId, company_id: w.companyId, customer_id: w.household.customerId, location_id: w.household.locationId, category_id: w.categoryId, name: 'Boiler care', rrule: 'DTSTART;TZID=America/Chicago:20260113T090000\nRRULE:FREQ=YEARLY', status: 'active', notes: '', generate_from: '2026-01-13', created_at: now, updated_at: now } as never)
      .execute();
    await t.db.updateTable('jobs').set({ service_plan_id: planId }).where('id', '=', planJob).execute();
    const off = await call(t.app, 'GET', '/api/portal/billing', customer);
    expect(off.body.autopay).toEqual({ available: true, enabled: false });
    expect((await call(t.app, 'PUT', '/api/portal/billing/autopay', { ...customer, body: { enabled: true } })).body).toEqual({ enabled: true });

    const planned = await invoice({ jobId: planJob });
    const waitForStatus = async (documentId: string, predicate: (row: { status: string }) => boolean) => {
      for (let i = 0; i < 100; i++) {
        const row = await t.db.selectFrom('payments').select('status').where('document_id', '=', documentId).where('autopay', '=', 1).executeTakeFirst();
        if (row && predicate(row)) return row;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error('auto-pay did not run');
    };
    await waitForStatus(planned.documentId, (row) => row.status === 'succeeded');
    expect(await expectBalanceInvariant(planned.documentId)).toMatchObject({ status: 'paid' });
    expect(await t.app.services.payments.autopayInvoice(w.companyId, planned.documentId)).toBeNull();
    const keys = await t.db.selectFrom('offline_card_payments').select('idempotency_key').where('idempotency_key', 'like', `autopay:${planned.documentId}%`).execute();
    expect(keys).toHaveLength(1);

    // The card is gone at the processor (expired, cancelled): the next plan invoice stays open and Ana hears of it.
    await t.db.updateTable('offline_payment_methods').set({ detached_at: now }).where('customer_ref', '=', `off_cus_${w.household.customerId}`).execute();
    const failing = await invoice({ jobId: planJob });
    await waitForStatus(failing.documentId, (row) => row.status === 'failed');
    expect(await expectBalanceInvariant(failing.documentId)).toMatchObject({ status: 'open', balanceMinor: 25_000 });
    const types = (await t.db.selectFrom('job_events').select('type').where('job_id', '=', planJob).execute()).map((e) => e.type);
    expect(types).toContain('payment.autopay_failed');
    await t.app.services.notificationWorker.drain();
    await inbox.waitFor(1, (m) => m.envelopeTo.includes(w.household.contact.email) && m.subject.includes(`Automatic payment of invoice ${failing.number} did not go through`));
    // She can still pay it by hand.
    expect((await pay(planJob, failing.documentId, { card: CARD })).body.status).toBe('succeeded');
  });

  it('exports invoices and payments as CSV: decimal amounts with their currency, formula-safe cells, date range', async () => {
    const customerRow = await t.db.selectFrom('customers').select('id').where('id', '=', w.household.customerId).executeTakeFirstOrThrow();
    await t.db.updateTable('customers').set({ name: '=HYPERLINK("http://evil")' }).where('id', '=', customerRow.id).execute();
    const { documentId, number } = await invoice();
    const recorded = await call(t.app, 'POST', `/api/payments/invoices/${documentId}/payments`, { ...dispatcher, body: { amount: 1_234, method: 'check', reference: '+1 555 cheque', note: '@note' } });
    expect(recorded.status).toBe(201);

    const invoices = await t.app.inject({ method: 'GET', url: '/api/payments/export/invoices.csv', headers: { cookie: dispatcher.cookie! } });
    expect(invoices.statusCode).toBe(200);
    expect(invoices.headers['content-type']).toContain('text/csv');
    const lines = invoices.body.trim().split('\n');
    expect(lines[0]).toBe('number,issued_at,due_at,status,overdue,customer,job,title,currency,total,paid,balance,paid_at');
    const line = lines.find((l) => l.startsWith(`${number},`))!;
    expect(line).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(line).toContain(',USD,250.00,12.34,237.66,');

    const paymentsCsv = await t.app.inject({ method: 'GET', url: '/api/payments/export/payments.csv', headers: { cookie: dispatcher.cookie! } });
    const paymentLine = paymentsCsv.body.split('\n').find((l) => l.includes(recorded.body.receiptNumber))!;
    expect(paymentLine).toContain(',USD,12.34,0.00,12.34,');
    expect(paymentLine).toContain("'+1 555 cheque");
    expect(paymentLine).toContain("'@note");

    const future = new Date(t.clock.now().getTime() + 365 * DAY).toISOString();
    const empty = await t.app.inject({ method: 'GET', url: `/api/payments/export/payments.csv?from=${encodeURIComponent(future)}`, headers: { cookie: dispatcher.cookie! } });
    expect(empty.body.trim().split('\n')).toHaveLength(1);
    const badRange = await call(t.app, 'GET', '/api/payments/export/payments.csv?from=yesterday', dispatcher);
    expect(badRange.status).toBe(400);
    expect(JSON.stringify(badRange.body.error.details)).toContain('from');
    expect((await call(t.app, 'GET', '/api/payments/export/payments.csv', customer)).status).toBe(403);
  });

  it('reminds of an overdue invoice once per step (1, 7, 14 days), and not after it is paid', async () => {
    const now = t.clock.now();
    const { jobId, documentId, number } = await invoice({ dueAt: new Date(now.getTime() + 2 * DAY).toISOString() });
    const { payments } = t.app.services;
    const reminders = async () => (await t.db.selectFrom('job_events').select('type').where('job_id', '=', jobId).where('type', '=', 'invoice.payment_reminder').execute()).length;
    await payments.planOverdueReminders();
    expect(await reminders()).toBe(0);
    t.clock.advance(3 * DAY + 60_000); // a day and a minute past due
    await payments.planOverdueReminders();
    await payments.planOverdueReminders();
    expect(await reminders()).toBe(1);
    await t.app.services.notificationWorker.drain();
    await inbox.waitFor(1, (m) => m.envelopeTo.includes(w.household.contact.email) && m.subject.includes(`invoice ${number}`) && m.subject.includes('reminder'));
    t.clock.advance(6 * DAY);
    await payments.planOverdueReminders();
    expect(await reminders()).toBe(2);
    await payments.planOverdueReminders();
    expect(await reminders()).toBe(2);
    // Sessions expire as the clock moves: the customer signs in again to pay.
    const session = await t.app.services.accounts.createSession(w.companyId, 'contact', w.household.contact.id);
    expect((await pay(jobId, documentId, { card: CARD }, { cookie: `arrivo_session=${session.token}` })).body.status).toBe('succeeded');
    t.clock.advance(10 * DAY);
    await payments.planOverdueReminders();
    expect(await reminders()).toBe(2);
  });
});
