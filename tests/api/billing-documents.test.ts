import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createWorld, jobLinkCookie, type World } from '../helpers/world.js';
import { call, type Caller } from '../helpers/http.js';
import { startMailInbox, type MailInbox } from '../helpers/mail-inbox.js';
import { computeTotals } from '../../src/shared/money.js';

const LINES = [
  { kind: 'labour', description: 'Diagnosis and labour', quantity: 1.5, unitPriceMinor: 8500, taxRateBp: 0 },
  { kind: 'part', description: 'Drain pump', quantity: 1, unitPriceMinor: 4999, taxRateBp: 825, discount: { kind: 'percent', value: 1000 } },
  { kind: 'fee', description: 'Call-out fee', quantity: 1, unitPriceMinor: 3500, taxRateBp: 825 },
];

const OPTIONS = [
  { title: 'Repair', description: 'Replace the pump, keep the machine', lines: LINES },
  { title: 'Replace', lines: [{ kind: 'part', description: 'New dishwasher, installed', quantity: 1, unitPriceMinor: 64900, taxRateBp: 825 }], discount: { kind: 'amount', value: 5000 } },
];

async function newJob(t: TestApp, w: World, customerId = w.household.customerId, locationId = w.household.locationId, contactIds?: string[]) {
  const answer = await call(t.app, 'POST', '/api/jobs', {
    cookie: w.dispatcher.cookie,
    body: { customerId, locationId, categoryId: w.categoryId, priority: 'normal', description: 'Dishwasher does not drain', ...(contactIds && { contactIds }) },
  });
  expect(answer.status).toBe(201);
  return answer.body.id as string;
}

describe('estimates and invoices', () => {
  let t: TestApp;
  let w: World;
  let other: World;
  let dispatcher: Caller;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t, 'acme');
    other = await createWorld(t, 'bolt');
    dispatcher = { cookie: w.dispatcher.cookie };
  });
  afterAll(() => t.close());

  const create = (body: Record<string, unknown>, caller: Caller = dispatcher) => call(t.app, 'POST', '/api/billing/documents', { ...caller, body });
  const timeline = async (jobId: string) => (await call(t.app, 'GET', `/api/jobs/${jobId}`, dispatcher)).body.timeline as { type: string; visibility: string; actor: { name: string }; data: Record<string, unknown> }[];

  it('creates an estimate with options; the stored totals are the computed ones, per option', async () => {
    const jobId = await newJob(t, w);
    const created = await create({ jobId, kind: 'estimate', title: 'Dishwasher', options: OPTIONS, notes: 'Parts in stock.' });
    expect(created.status).toBe(201);
    const doc = created.body;
    expect(doc).toMatchObject({ kind: 'estimate', status: 'draft', shared: false, currency: 'USD', version: 1, editable: true, jobId });
    expect(doc.number).toMatch(/^EST-\d{5}$/);
    expect(doc.options).toHaveLength(2);
    const repair = computeTotals(
      LINES.map((l) => ({ quantityMilli: l.quantity * 1000, unitPriceMinor: l.unitPriceMinor, taxRateBp: l.taxRateBp, discount: (l.discount as never) ?? null })),
    );
    // 1.5 × 85.00 = 127.50; 49.99 − 10 % (5.00) = 44.99; 35.00 → 207.49, tax 8.25 % on 79.99 = 6.60 (half-up of 6.599).
    expect(repair).toMatchObject({ subtotalMinor: 21249, discountMinor: 500, taxMinor: 660, totalMinor: 21409 });
    expect(doc.options[0]).toMatchObject({ title: 'Repair', subtotalMinor: 21249, discountMinor: 500, taxMinor: 660, totalMinor: 21409 });
    expect(doc.options[0].lines[0]).toMatchObject({ quantity: 1.5, amountMinor: 12750, netMinor: 12750 });
    expect(doc.options[0].taxes).toEqual([
      { rateBp: 0, baseMinor: 12750, taxMinor: 0 },
      { rateBp: 825, baseMinor: 7999, taxMinor: 660 },
    ]);
    // Replace: 649.00 − 50.00 = 599.00, tax 49.42 (49.4175 half-up).
    expect(doc.options[1]).toMatchObject({ subtotalMinor: 64900, discountMinor: 5000, taxMinor: 4942, totalMinor: 64842 });
    // Until the customer chooses, the document shows the first option's figures.
    expect(doc).toMatchObject({ subtotalMinor: 21249, totalMinor: 21409 });
    const row = await t.db.selectFrom('billing_documents').selectAll().where('id', '=', doc.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ total_minor: 21409, tax_minor: 660, amount_paid_minor: 0, shared: 0 });
    const lines = await t.db.selectFrom('billing_document_lines').select(['quantity_milli', 'net_minor']).where('document_id', '=', doc.id).orderBy('position').execute();
    expect(lines.map((l) => l.quantity_milli)).toContain(1500);
    expect((await timeline(jobId)).some((e) => e.type === 'estimate.created' && e.visibility === 'staff')).toBe(true);
  });

  it('names the field that is wrong', async () => {
    const jobId = await newJob(t, w);
    const cases: [Record<string, unknown>, string][] = [
      [{ jobId, kind: 'invoice', lines: [{ ...LINES[0], quantity: 1.2345 }] }, 'lines[0].quantity'],
      [{ jobId, kind: 'invoice', lines: [LINES[0], { ...LINES[1], quantity: -1 }] }, 'lines[1].quantity'],
      [{ jobId, kind: 'invoice', lines: [{ ...LINES[0], description: '' }] }, 'lines[0].description'],
      [{ jobId, kind: 'invoice', lines: [{ ...LINES[0], unitPriceMinor: 12.5 }] }, 'lines[0].unitPriceMinor'],
      [{ jobId, kind: 'invoice', lines: [{ ...LINES[0], discount: { kind: 'amount', value: 999999 } }] }, 'lines[0].discount.value'],
      [{ jobId, kind: 'invoice', lines: LINES, discount: { kind: 'amount', value: 10_000_000 } }, 'discount.value'],
      [{ jobId, kind: 'estimate', options: [OPTIONS[0], { ...OPTIONS[1], lines: [{ ...LINES[0], taxRateBp: 20000 }] }] }, 'options[1].lines[0].taxRateBp'],
      [{ jobId, kind: 'estimate', options: [OPTIONS[0], { ...OPTIONS[1], title: ' ' }] }, 'options[1].title'],
      [{ jobId: other.categoryId, kind: 'estimate', lines: LINES }, 'jobId'],
    ];
    for (const [body, field] of cases) {
      const answer = await create(body);
      expect(answer.status, field).toBe(400);
      expect(answer.body.error.details.fields.map((f: { field: string }) => f.field), JSON.stringify(answer.body)).toContain(field);
    }
  });

  it("refuses another company's job as if it did not exist", async () => {
    const theirJob = await newJob(t, other);
    const answer = await create({ jobId: theirJob, kind: 'estimate', lines: LINES });
    expect(answer.status).toBe(400);
    expect(answer.body.error.details.fields[0].field).toBe('jobId');
  });

  it('edits with the version read; a stale version is a 409 and changes nothing', async () => {
    const jobId = await newJob(t, w);
    const doc = (await create({ jobId, kind: 'invoice', lines: LINES })).body;
    const edited = await call(t.app, 'PATCH', `/api/billing/documents/${doc.id}`, { ...dispatcher, body: { version: 1, lines: [LINES[0]], notes: 'Paid on site is fine.' } });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ version: 2, totalMinor: 12750, notes: 'Paid on site is fine.' });
    const stale = await call(t.app, 'PATCH', `/api/billing/documents/${doc.id}`, { ...dispatcher, body: { version: 1, lines: LINES } });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 2 } });
    expect((await call(t.app, 'GET', `/api/billing/documents/${doc.id}`, dispatcher)).body.totalMinor).toBe(12750);
    // Two editors at once: exactly one wins.
    const [a, b] = await Promise.all([
      call(t.app, 'PATCH', `/api/billing/documents/${doc.id}`, { ...dispatcher, body: { version: 2, title: 'A' } }),
      call(t.app, 'PATCH', `/api/billing/documents/${doc.id}`, { ...dispatcher, body: { version: 2, title: 'B' } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
  });

  it('numbers each kind per company without gaps, even under 20 parallel creates', async () => {
    const fresh = await createWorld(t, 'count');
    const jobId = await newJob(t, fresh);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => create({ jobId, kind: i % 4 === 0 ? 'invoice' : 'estimate', lines: LINES }, { cookie: fresh.dispatcher.cookie })));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    const numbers = (kind: string) => answers.filter((a) => a.body.kind === kind).map((a) => a.body.number as string).sort();
    expect(numbers('estimate')).toEqual(Array.from({ length: 15 }, (_, i) => `EST-${String(i + 1).padStart(5, '0')}`));
    expect(numbers('invoice')).toEqual(Array.from({ length: 5 }, (_, i) => `INV-${String(i + 1).padStart(5, '0')}`));
    // A refused create (bad line) takes no number.
    expect((await create({ jobId, kind: 'invoice', lines: [{ ...LINES[0], quantity: 0.0001 }] }, { cookie: fresh.dispatcher.cookie })).status).toBe(400);
    expect((await create({ jobId, kind: 'invoice', lines: LINES }, { cookie: fresh.dispatcher.cookie })).body.number).toBe('INV-00006');
    // Another company counts from 1 on its own.
    expect((await create({ jobId: await newJob(t, other), kind: 'invoice', lines: LINES }, { cookie: other.dispatcher.cookie })).body.number).toMatch(/^INV-\d{5}$/);
  });

  describe('what customers see', () => {
    let jobId: string;
    let link: Caller;
    let draftId: string;
    let unsharedId: string;
    let sharedId: string;
    beforeAll(async () => {
      jobId = await newJob(t, w);
      link = { cookie: (await jobLinkCookie(t, w, jobId, w.household.contact.id)).cookie };
      draftId = (await create({ jobId, kind: 'estimate', lines: LINES })).body.id;
      unsharedId = (await create({ jobId, kind: 'invoice', lines: LINES })).body.id;
      // Issued (e.g. printed) but not shared: still invisible.
      expect((await call(t.app, 'POST', `/api/billing/documents/${unsharedId}/issue`, dispatcher)).body.status).toBe('open');
      const shared = await create({ jobId, kind: 'estimate', options: OPTIONS, shared: true });
      expect(shared.body).toMatchObject({ status: 'sent', shared: true });
      sharedId = shared.body.id;
    });

    it('lists and opens only shared documents past draft, through the job link and the signed-in contact', async () => {
      for (const caller of [link, { cookie: w.household.contact.cookie }]) {
        const list = await call(t.app, 'GET', `/api/portal/jobs/${jobId}/documents`, caller);
        expect(list.status).toBe(200);
        expect(list.body.items.map((d: { id: string }) => d.id)).toEqual([sharedId]);
        const one = await call(t.app, 'GET', `/api/portal/jobs/${jobId}/documents/${sharedId}`, caller);
        expect(one.status).toBe(200);
        expect(one.body).toMatchObject({ canRespond: true, payable: false, status: 'sent' });
        expect(one.body).not.toHaveProperty('approvalIp');
        expect(one.body).not.toHaveProperty('editable');
        for (const hidden of [draftId, unsharedId]) {
          expect((await call(t.app, 'GET', `/api/portal/jobs/${jobId}/documents/${hidden}`, caller)).status).toBe(404);
          expect((await call(t.app, 'GET', `/api/portal/jobs/${jobId}/documents/${hidden}/pdf`, caller)).status).toBe(404);
          expect((await call(t.app, 'POST', `/api/portal/jobs/${jobId}/documents/${hidden}/approve`, { ...caller, body: { signerName: 'Ana' } })).status).toBe(404);
        }
      }
    });

    it("never shows a document to another customer, through another job, or to another company", async () => {
      // The organisation's member, signed in: not their job.
      const member = { cookie: w.organisation.member.cookie };
      expect((await call(t.app, 'GET', `/api/portal/jobs/${jobId}/documents`, member)).status).toBe(404);
      expect((await call(t.app, 'GET', `/api/portal/jobs/${jobId}/documents/${sharedId}`, member)).status).toBe(404);
      // Their own job's URL with this document: the document is not on that job.
      const theirJob = await newJob(t, w, w.organisation.customerId, w.organisation.locationIds[0]!, [w.organisation.member.id]);
      expect((await call(t.app, 'GET', `/api/portal/jobs/${theirJob}/documents/${sharedId}`, member)).status).toBe(404);
      expect((await call(t.app, 'POST', `/api/portal/jobs/${theirJob}/documents/${sharedId}/decline`, { ...member, body: {} })).status).toBe(404);
      // The household's link to another job of the same household cannot reach this one's documents.
      const sibling = await newJob(t, w);
      const siblingLink = { cookie: (await jobLinkCookie(t, w, sibling, w.household.contact.id)).cookie };
      expect((await call(t.app, 'GET', `/api/portal/jobs/${sibling}/documents/${sharedId}`, siblingLink)).status).toBe(404);
      expect((await call(t.app, 'GET', `/api/portal/jobs/${jobId}/documents/${sharedId}`, siblingLink)).status).toBe(404);
      // Another company's staff and customers.
      expect((await call(t.app, 'GET', `/api/billing/documents/${sharedId}`, { cookie: other.dispatcher.cookie })).status).toBe(404);
      expect((await call(t.app, 'GET', `/api/billing/documents/${sharedId}/pdf`, { cookie: other.dispatcher.cookie })).status).toBe(404);
      expect((await call(t.app, 'PATCH', `/api/billing/documents/${sharedId}`, { cookie: other.dispatcher.cookie, body: { version: 1, title: 'x' } })).status).toBe(404);
      expect((await call(t.app, 'GET', `/api/billing/documents?jobId=${jobId}`, { cookie: other.dispatcher.cookie })).body.items).toEqual([]);
      expect((await call(t.app, 'GET', `/api/portal/jobs/${jobId}/documents/${sharedId}`, { cookie: other.household.contact.cookie })).status).toBe(404);
    });

    it('hides a document again when the switch goes off, and shows it when it goes back on', async () => {
      const doc = (await create({ jobId, kind: 'invoice', lines: LINES, shared: true })).body;
      expect(doc.status).toBe('open');
      expect((await call(t.app, 'GET', `/api/portal/jobs/${jobId}/documents/${doc.id}`, link)).status).toBe(200);
      const off = await call(t.app, 'POST', `/api/billing/documents/${doc.id}/share`, { ...dispatcher, body: { shared: false } });
      expect(off.body).toMatchObject({ shared: false, status: 'open' });
      expect((await call(t.app, 'GET', `/api/portal/jobs/${jobId}/documents/${doc.id}`, link)).status).toBe(404);
      expect((await call(t.app, 'POST', `/api/billing/documents/${doc.id}/share`, { ...dispatcher, body: { shared: true } })).body.shared).toBe(true);
      const pdf = await call(t.app, 'GET', `/api/portal/jobs/${jobId}/documents/${doc.id}/pdf`, link);
      expect(pdf.status).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      // Voided: the customer sees it is void; it can no longer be shared or edited.
      expect((await call(t.app, 'POST', `/api/billing/documents/${doc.id}/void`, dispatcher)).body.status).toBe('void');
      expect((await call(t.app, 'PATCH', `/api/billing/documents/${doc.id}`, { ...dispatcher, body: { version: 5, title: 'x' } })).status).toBe(409);
    });
  });

  describe('approval', () => {
    const setAction = (action: string) => call(t.app, 'PATCH', '/api/billing/settings', { cookie: w.admin.cookie, body: { approvedEstimateAction: action } });

    async function sharedEstimate(options = OPTIONS) {
      const jobId = await newJob(t, w);
      const link = { cookie: (await jobLinkCookie(t, w, jobId, w.household.contact.id)).cookie };
      const doc = (await create({ jobId, kind: 'estimate', options, shared: true })).body;
      return { jobId, link, doc };
    }

    it('records the option, the signer, the time and the IP on the timeline; twice, or after it, is a 409', async () => {
      await setAction('nothing');
      const { jobId, link, doc } = await sharedEstimate();
      const url = `/api/portal/jobs/${jobId}/documents/${doc.id}`;
      const noChoice = await call(t.app, 'POST', `${url}/approve`, { ...link, body: { signerName: 'Ana García' } });
      expect(noChoice.status).toBe(400);
      expect(noChoice.body.error.details.fields[0].field).toBe('optionId');
      expect((await call(t.app, 'POST', `${url}/approve`, { ...link, body: { optionId: doc.id, signerName: 'Ana García' } })).body.error.details.fields[0].field).toBe('optionId');
      expect((await call(t.app, 'POST', `${url}/approve`, { ...link, body: { optionId: doc.options[1].id } })).body.error.details.fields[0].field).toBe('signerName');

      const replace = doc.options[1];
      const approved = await call(t.app, 'POST', `${url}/approve`, { ...link, body: { optionId: replace.id, signerName: 'Ana García' } });
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({ status: 'approved', chosenOptionId: replace.id, totalMinor: 64842, canRespond: false, approval: { signerName: 'Ana García', approvedAt: '2026-01-13T09:00:00.000Z' } });
      const entry = (await timeline(jobId)).find((e) => e.type === 'estimate.approved')!;
      expect(entry).toMatchObject({ visibility: 'customer', actor: { name: 'Ana García' }, data: { documentId: doc.id, number: doc.number, optionTitle: 'Replace', signerName: 'Ana García', ip: '127.0.0.1', approvedAt: '2026-01-13T09:00:00.000Z' } });
      const staffView = (await call(t.app, 'GET', `/api/billing/documents/${doc.id}`, dispatcher)).body;
      expect(staffView).toMatchObject({ approvalIp: '127.0.0.1', editable: false, status: 'approved' });

      const again = await call(t.app, 'POST', `${url}/approve`, { ...link, body: { optionId: replace.id, signerName: 'Ana García' } });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('ESTIMATE_NOT_OPEN');
      expect((await call(t.app, 'POST', `${url}/decline`, { ...link, body: {} })).status).toBe(409);
      expect((await call(t.app, 'PATCH', `/api/billing/documents/${doc.id}`, { ...dispatcher, body: { version: staffView.version, title: 'late edit' } })).status).toBe(409);

      // Into an invoice: the chosen option's lines, once.
      const invoice = await call(t.app, 'POST', `/api/billing/documents/${doc.id}/convert`, { ...dispatcher, body: {} });
      expect(invoice.status).toBe(201);
      expect(invoice.body).toMatchObject({ kind: 'invoice', status: 'draft', totalMinor: 64842, sourceEstimateId: doc.id, dueAt: '2026-01-27T09:00:00.000Z' });
      expect(invoice.body.options[0].lines.map((l: { description: string }) => l.description)).toEqual(['New dishwasher, installed']);
      expect((await call(t.app, 'POST', `/api/billing/documents/${doc.id}/convert`, { ...dispatcher, body: {} })).status).toBe(409);
    });

    it('refuses an approval of figures the company changed after the customer read them', async () => {
      await setAction('nothing');
      const { jobId, link, doc } = await sharedEstimate();
      const read = (await call(t.app, 'GET', `/api/portal/jobs/${jobId}/documents/${doc.id}`, link)).body;
      const staff = (await call(t.app, 'GET', `/api/billing/documents/${doc.id}`, dispatcher)).body;
      expect((await call(t.app, 'PATCH', `/api/billing/documents/${doc.id}`, { ...dispatcher, body: { version: staff.version, options: [OPTIONS[0], { ...OPTIONS[1], discount: null }] } })).status).toBe(200);
      const stale = await call(t.app, 'POST', `/api/portal/jobs/${jobId}/documents/${doc.id}/approve`, { ...link, body: { optionId: read.options[0].id, signerName: 'Ana García', version: read.version } });
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe('DOCUMENT_CHANGED');
      const fresh = (await call(t.app, 'GET', `/api/portal/jobs/${jobId}/documents/${doc.id}`, link)).body;
      expect(fresh.options[1].totalMinor).toBe(70254);
      const approved = await call(t.app, 'POST', `/api/portal/jobs/${jobId}/documents/${doc.id}/approve`, { ...link, body: { optionId: fresh.options[1].id, signerName: 'Ana García', version: fresh.version } });
      expect(approved.body).toMatchObject({ status: 'approved', totalMinor: 70254 });
    });

    it('approving at once from two tabs: one wins, the other is a 409', async () => {
      await setAction('nothing');
      const { jobId, link, doc } = await sharedEstimate();
      const body = { optionId: doc.options[0].id, signerName: 'Ana García' };
      const answers = await Promise.all([0, 1].map(() => call(t.app, 'POST', `/api/portal/jobs/${jobId}/documents/${doc.id}/approve`, { ...link, body })));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      expect((await timeline(jobId)).filter((e) => e.type === 'estimate.approved')).toHaveLength(1);
    });

    it('declines with a reason; approving afterwards is a 409; a draft cannot be answered', async () => {
      const { jobId, link, doc } = await sharedEstimate();
      const declined = await call(t.app, 'POST', `/api/portal/jobs/${jobId}/documents/${doc.id}/decline`, { ...link, body: { reason: 'Too expensive for now.' } });
      expect(declined.body).toMatchObject({ status: 'declined', declined: { reason: 'Too expensive for now.' } });
      expect((await timeline(jobId)).find((e) => e.type === 'estimate.declined')?.data).toMatchObject({ reason: 'Too expensive for now.', number: doc.number });
      // The office hears of it in the bell (and by e-mail), with the reason.
      const told = await t.db.selectFrom('notifications').select(['type', 'title', 'body']).where('recipient_id', '=', w.dispatcher.id).where('job_id', '=', jobId).execute();
      expect(told.find((n) => n.type === 'estimate_declined')).toMatchObject({ title: `Ana García (García household) declined estimate ${doc.number}` });
      expect((await call(t.app, 'POST', `/api/portal/jobs/${jobId}/documents/${doc.id}/approve`, { ...link, body: { optionId: doc.options[0].id, signerName: 'Ana' } })).status).toBe(409);
    });

    it('a single-option estimate needs no choice; "new_job" opens a job for the same customer and address', async () => {
      await setAction('new_job');
      const { jobId, link, doc } = await sharedEstimate([{ title: '', lines: LINES }] as never);
      const approved = await call(t.app, 'POST', `/api/portal/jobs/${jobId}/documents/${doc.id}/approve`, { ...link, body: { signerName: 'Ana García' } });
      expect(approved.status).toBe(200);
      const staff = (await call(t.app, 'GET', `/api/billing/documents/${doc.id}`, dispatcher)).body;
      expect(staff.resultingJobId).toBeTruthy();
      const created = (await call(t.app, 'GET', `/api/jobs/${staff.resultingJobId}`, dispatcher)).body;
      expect(created).toMatchObject({ status: 'created', customer: { id: w.household.customerId }, location: { id: w.household.locationId } });
      expect(created.description).toContain(doc.number);
      expect((await timeline(jobId)).find((e) => e.type === 'estimate.approved')?.data).toMatchObject({ outcome: 'job_created', resultingJobReference: created.reference });
    });

    it('"add_visit" puts the approved work in the dispatch queue of an open job, and opens a follow-up job for a closed one', async () => {
      await setAction('add_visit');
      const open = await sharedEstimate();
      await call(t.app, 'POST', `/api/portal/jobs/${open.jobId}/documents/${open.doc.id}/approve`, { ...open.link, body: { optionId: open.doc.options[0].id, signerName: 'Ana García' } });
      const entries = await timeline(open.jobId);
      expect(entries.find((e) => e.type === 'job.visit_requested')?.data).toMatchObject({ number: open.doc.number, optionTitle: 'Repair' });
      expect(entries.find((e) => e.type === 'estimate.approved')?.data.outcome).toBe('visit_requested');

      const closed = await sharedEstimate();
      expect((await call(t.app, 'POST', `/api/jobs/${closed.jobId}/cancel`, { ...dispatcher, body: { reason: 'Customer will decide later' } })).status).toBe(200);
      await call(t.app, 'POST', `/api/portal/jobs/${closed.jobId}/documents/${closed.doc.id}/approve`, { ...closed.link, body: { optionId: closed.doc.options[0].id, signerName: 'Ana García' } });
      expect((await call(t.app, 'GET', `/api/billing/documents/${closed.doc.id}`, dispatcher)).body.resultingJobId).toBeTruthy();
    });
  });

  it('admins change the billing settings; dispatchers read them; invoices take the due days', async () => {
    const fresh = await createWorld(t, 'settings');
    const defaults = await call(t.app, 'GET', '/api/billing/settings', { cookie: fresh.dispatcher.cookie });
    expect(defaults.body).toEqual({ paymentsEnabled: false, paymentProvider: 'offline', defaultTaxRateBp: 0, invoiceDueDays: 14, approvedEstimateAction: 'add_visit', pdfFooter: '', defaultTerms: '', currency: 'USD' });
    expect((await call(t.app, 'PATCH', '/api/billing/settings', { cookie: fresh.dispatcher.cookie, body: { invoiceDueDays: 30 } })).status).toBe(403);
    const bad = await call(t.app, 'PATCH', '/api/billing/settings', { cookie: fresh.admin.cookie, body: { defaultTaxRateBp: 12000 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe('defaultTaxRateBp');
    const saved = await call(t.app, 'PATCH', '/api/billing/settings', { cookie: fresh.admin.cookie, body: { paymentsEnabled: true, defaultTaxRateBp: 2000, invoiceDueDays: 30, pdfFooter: 'Thank you!', defaultTerms: 'Net 30.' } });
    expect(saved.body).toMatchObject({ paymentsEnabled: true, defaultTaxRateBp: 2000, invoiceDueDays: 30 });
    const jobId = await newJob(t, fresh);
    const invoice = await create({ jobId, kind: 'invoice', lines: [{ kind: 'service', description: 'Annual service', quantity: 1, unitPriceMinor: 10000 }], shared: true }, { cookie: fresh.dispatcher.cookie });
    expect(invoice.body).toMatchObject({ dueAt: '2026-02-12T09:00:00.000Z', taxMinor: 2000, totalMinor: 12000, terms: 'Net 30.', paymentsEnabled: true });
    const link = { cookie: (await jobLinkCookie(t, fresh, jobId, fresh.household.contact.id)).cookie };
    expect((await call(t.app, 'GET', `/api/portal/jobs/${jobId}/documents/${invoice.body.id}`, link)).body).toMatchObject({ payable: true, balanceMinor: 12000 });
  });
});

describe('billing notifications, through the outbox, to a real SMTP server', () => {
  let inbox: MailInbox;
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    inbox = await startMailInbox();
    t = await createTestApp({ realMailer: true, isolatedDatabase: true, env: { SMTP_URL: inbox.url } });
    w = await createWorld(t);
  });
  afterAll(async () => {
    await t.close();
    await inbox.close();
  });

  it('sharing mails the customer a link; approving mails the dispatchers', async () => {
    const jobId = await newJob(t, w);
    const doc = (await call(t.app, 'POST', '/api/billing/documents', { cookie: w.dispatcher.cookie, body: { jobId, kind: 'estimate', options: OPTIONS } })).body;
    await t.app.services.notificationWorker.drain();
    expect(inbox.to(w.household.contact.email).filter((m) => m.subject.includes(doc.number))).toHaveLength(0);

    await call(t.app, 'POST', `/api/billing/documents/${doc.id}/share`, { cookie: w.dispatcher.cookie, body: { shared: true } });
    // Switching it on again (a double click) sends nothing more.
    await call(t.app, 'POST', `/api/billing/documents/${doc.id}/share`, { cookie: w.dispatcher.cookie, body: { shared: true } });
    await t.app.services.notificationWorker.drain();
    const shared = inbox.to(w.household.contact.email).filter((m) => m.subject.includes(doc.number));
    expect(shared).toHaveLength(1);
    expect(shared[0]!.subject).toBe(`Your estimate ${doc.number} from ${(await t.db.selectFrom('companies').select('name').where('id', '=', w.companyId).executeTakeFirstOrThrow()).name}`);
    expect(shared[0]!.text).toContain('$214.09');
    const token = shared[0]!.text.match(/http:\/\/arrivo\.test\/j\/(j_[A-Za-z0-9_-]+)/)?.[1];
    expect(token).toBeDefined();
    const redeemed = await call(t.app, 'POST', '/api/portal/job-links/redeem', { body: { token } });
    const cookie = redeemed.cookies.find((c) => c.name === 'arrivo_job')!;
    const seen = await call(t.app, 'GET', `/api/portal/jobs/${jobId}/documents/${doc.id}`, { cookie: `arrivo_job=${cookie.value}` });
    expect(seen.status).toBe(200);

    await call(t.app, 'POST', `/api/portal/jobs/${jobId}/documents/${doc.id}/approve`, { cookie: `arrivo_job=${cookie.value}`, body: { optionId: doc.options[0].id, signerName: 'Ana García' } });
    await t.app.services.notificationWorker.drain();
    const dispatcherEmail = (await t.db.selectFrom('users').select('email').where('id', '=', w.dispatcher.id).executeTakeFirstOrThrow()).email;
    const approved = inbox.to(dispatcherEmail).filter((m) => m.subject.includes(doc.number));
    expect(approved).toHaveLength(1);
    expect(approved[0]!.subject).toBe(`Ana García (García household) approved estimate ${doc.number}`);
    expect(approved[0]!.text).toContain('$214.09');
    // The bell too.
    const bell = await call(t.app, 'GET', '/api/notifications', { cookie: w.dispatcher.cookie });
    expect(JSON.stringify(bell.body)).toContain(doc.number);
  });

  it('an invoice mail carries the amount and the due date', async () => {
    const jobId = await newJob(t, w);
    const doc = (await call(t.app, 'POST', '/api/billing/documents', { cookie: w.dispatcher.cookie, body: { jobId, kind: 'invoice', lines: LINES, shared: true } })).body;
    await t.app.services.notificationWorker.drain();
    const mail = inbox.to(w.household.contact.email).find((m) => m.subject.includes(doc.number))!;
    expect(mail.subject).toContain(`Invoice ${doc.number}`);
    expect(mail.text).toContain('$214.09');
    expect(mail.text).toContain('Jan 27, 2026');
  });
});
