import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TABLE } from '../../src/server/modules/access-table.js';
import { ROLES, type Role } from '../../src/server/modules/accounts/principal.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createWorld, jobLinkCookie, WINDOWS, type World } from '../helpers/world.js';
import { call, multipartFile, TINY_PNG, upload, type Caller } from '../helpers/http.js';

/**
 * Every route that reaches into one job: the console's, the portal's, the technician's and the
 * intake API's. Event streams stay open, which app.inject cannot read: who may open a job's stream
 * is tested over real connections in live-updates.test.ts.
 */
const JOB_ROUTES = Object.keys(ACCESS_TABLE).filter((key) => /:jobId|:appointmentId/.test(key) && !key.endsWith('/events'));
const PORTAL_JOB_ROUTES = JOB_ROUTES.filter((key) => key.includes(' /api/portal/jobs/:jobId'));
/**
 * Routes that would move or cancel the target job if its own people called them here: strangers
 * still get 404 from them below; their owners' use is tested in scheduling-booking.test.ts.
 */
const CHANGES_THE_TARGET = new Set(['POST /api/portal/jobs/:jobId/book', 'POST /api/portal/jobs/:jobId/reschedule', 'POST /api/portal/jobs/:jobId/cancel']);
const OWNERS_PORTAL_ROUTES = PORTAL_JOB_ROUTES.filter((key) => !CHANGES_THE_TARGET.has(key));
const TECHNICIAN_STEPS = JOB_ROUTES.filter((key) => key.includes(' /api/technician/appointments/:appointmentId/'));

/** Valid bodies, so that only whose job it is decides the answer. Ids in them are the caller's own company's. */
const BODIES: Record<string, (own: World) => object> = {
  'PATCH /api/jobs/:jobId': () => ({ description: 'Rewritten by a stranger' }),
  'POST /api/jobs/:jobId/schedule': (own) => ({ technicianId: own.technician.id, ...WINDOWS.friday }),
  'POST /api/jobs/:jobId/reschedule': () => ({ ...WINDOWS.friday }),
  'POST /api/jobs/:jobId/reassign': (own) => ({ technicianId: own.technician.id }),
  'POST /api/jobs/:jobId/cancel': () => ({ reason: 'Cancelled by a stranger' }),
  'POST /api/jobs/:jobId/notes': () => ({ text: 'A stranger was here', visibility: 'customer' }),
  'POST /api/jobs/:jobId/contacts': (own) => ({ contactId: own.household.contact.id }),
  'POST /api/jobs/:jobId/links': (own) => ({ contactId: own.household.contact.id }),
  'POST /api/portal/jobs/:jobId/notes': () => ({ text: 'A stranger was here' }),
  'POST /api/portal/jobs/:jobId/book': () => ({ windowStart: WINDOWS.friday.windowStart }),
  'POST /api/portal/jobs/:jobId/reschedule': () => ({ windowStart: WINDOWS.friday.windowStart, reason: 'Moved by a stranger' }),
  'POST /api/portal/jobs/:jobId/cancel': () => ({ reason: 'Cancelled by a stranger' }),
  'POST /api/portal/jobs/:jobId/documents/:documentId/approve': () => ({ signerName: 'A stranger' }),
  'POST /api/portal/jobs/:jobId/messages': () => ({ text: 'A stranger was here' }),
  'POST /api/jobs/:jobId/messages': () => ({ text: 'A stranger was here' }),
  'PUT /api/portal/jobs/:jobId/survey': () => ({ rating: 1, comment: 'A stranger was here' }),
  // One cent with the offline provider's test card: every caller let in pays, the invoice stays open.
  'POST /api/portal/jobs/:jobId/documents/:documentId/payments': () => ({ amount: 1, card: { number: '4242424242424242', expMonth: 12, expYear: 2040, cvc: '123' } }),
  'POST /api/technician/appointments/:appointmentId/pause': () => ({ message: 'Paused by a stranger' }),
  'POST /api/technician/appointments/:appointmentId/complete': () => ({ notes: 'Done by a stranger' }),
};

const ids = (items: { id: string }[]) => items.map((item) => item.id);

/**
 * What the target's own people get: a success, or on the survey (which opens once a job is completed;
 * the target is scheduled) the 409 that only comes after the access check.
 */
const letIn = (status: number, key: string, code?: string) =>
  status === 200 || status === 201 || (key === 'PUT /api/portal/jobs/:jobId/survey' && code === 'JOB_NOT_COMPLETED') ||
  // The target's estimate is answered once (by the first caller let in); later answers are the 409 that comes after the access check.
  (/\/documents\/:documentId\/(approve|decline)$/.test(key) && code === 'ESTIMATE_NOT_OPEN');

describe('isolation: nothing of one company, customer, job or technician reaches another', () => {
  let t: TestApp;
  let a: World;
  let b: World;
  /** Company A's job under test: sent by A's partner for the organisation's member, scheduled for A's technician. */
  let target: { jobId: string; appointmentId: string; customerPhotoId: string; internalPhotoId: string; visiblePhotoId: string; link: { cookie: string; linkId: string } };
  /** Another job of the same organisation with the same member on it. */
  let siblingJobId: string;
  /** A shared estimate on the target job (billing). */
  let targetDocumentId: string;
  /** A shared invoice on the target job with a payment on it (payments). */
  let targetInvoiceId: string;
  let targetPaymentId: string;
  let householdJobId: string;
  let otherSource: { sourceId: string; apiKey: string };
  let targetBefore: unknown;
  let stranger: { jobId: string; link: { cookie: string }; notificationId: string; apiKeyId: string };

  const INTERNAL_TEXT = 'Internal: the customer disputed the last invoice.';

  async function newJob(w: World, customerId: string, locationId: string, contactIds?: string[]) {
    const created = await call(t.app, 'POST', '/api/jobs', {
      cookie: w.dispatcher.cookie,
      body: { customerId, locationId, categoryId: w.categoryId, priority: 'normal', description: 'Radiator is cold', ...(contactIds ? { contactIds } : {}) },
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  }

  async function staffUpload(w: World) {
    const file = await upload(t.app, '/api/uploads', { cookie: w.dispatcher.cookie }, TINY_PNG, 'staff.png');
    expect(file.status).toBe(201);
    return file.body.id as string;
  }

  async function customerNote(cookie: string, jobId: string, text: string) {
    const photo = await upload(t.app, `/api/portal/jobs/${jobId}/uploads`, { cookie }, TINY_PNG, 'customer.png');
    expect(photo.status).toBe(201);
    const note = await call(t.app, 'POST', `/api/portal/jobs/${jobId}/notes`, { cookie, body: { text, attachmentIds: [photo.body.id] } });
    expect(note.status).toBe(201);
    return photo.body.id as string;
  }

  beforeAll(async () => {
    t = await createTestApp();
    a = await createWorld(t, 'acme');
    b = await createWorld(t, 'bolt');
    const aDispatcher = { cookie: a.dispatcher.cookie };

    const intake = await call(t.app, 'POST', '/api/intake/jobs', {
      bearer: a.partner.apiKey,
      body: {
        categoryId: a.categoryId,
        priority: 'normal',
        description: 'Dishwasher does not drain',
        customer: { name: 'Corp Offices Ltd', contact: { name: 'Mia Site A', email: a.organisation.member.email } },
        location: { line1: '1 Main Plaza', city: 'Springfield', postalCode: '62702', country: 'US' },
      },
    });
    expect(intake.status).toBe(201);
    const jobId: string = intake.body.id;
    const scheduled = await call(t.app, 'POST', `/api/jobs/${jobId}/schedule`, { ...aDispatcher, body: { technicianId: a.technician.id, ...WINDOWS.tomorrowMorning } });
    expect(scheduled.status).toBe(200);
    const customerPhotoId = await customerNote(a.organisation.member.cookie, jobId, 'The gate code is 4321.');
    const internalPhotoId = await staffUpload(a);
    expect((await call(t.app, 'POST', `/api/jobs/${jobId}/notes`, { ...aDispatcher, body: { text: INTERNAL_TEXT, attachmentIds: [internalPhotoId], visibility: 'staff' } })).status).toBe(200);
    const visiblePhotoId = await staffUpload(a);
    expect((await call(t.app, 'POST', `/api/jobs/${jobId}/notes`, { ...aDispatcher, body: { text: 'We ordered the part.', attachmentIds: [visiblePhotoId], visibility: 'customer' } })).status).toBe(200);
    const link = await jobLinkCookie(t, a, jobId, a.organisation.member.id);
    const estimate = await call(t.app, 'POST', '/api/billing/documents', { ...aDispatcher, body: { jobId, kind: 'estimate', shared: true, lines: [{ kind: 'part', description: 'Drain pump', quantity: 1, unitPriceMinor: 4999 }] } });
    expect(estimate.status).toBe(201);
    targetDocumentId = estimate.body.id;
    expect((await call(t.app, 'PATCH', '/api/billing/settings', { cookie: a.admin.cookie, body: { paymentsEnabled: true, paymentProvider: 'offline' } })).status).toBe(200);
    const invoice = await call(t.app, 'POST', '/api/billing/documents', { ...aDispatcher, body: { jobId, kind: 'invoice', shared: true, lines: [{ kind: 'part', description: 'Drain pump', quantity: 1, unitPriceMinor: 4999 }] } });
    expect(invoice.status).toBe(201);
    targetInvoiceId = invoice.body.id;
    const payment = await call(t.app, 'POST', `/api/payments/invoices/${targetInvoiceId}/payments`, { ...aDispatcher, body: { amount: 1000, method: 'cash' } });
    expect(payment.status).toBe(201);
    targetPaymentId = payment.body.id;
    target = { jobId, appointmentId: scheduled.body.visits[0].id, customerPhotoId, internalPhotoId, visiblePhotoId, link };

    siblingJobId = await newJob(a, a.organisation.customerId, a.organisation.locationIds[0]!, [a.organisation.member.id]);
    householdJobId = await newJob(a, a.household.customerId, a.household.locationId);
    const source = await t.app.services.sources.create(a.companyId, { name: 'FixItNet' });
    otherSource = { sourceId: source.id, apiKey: (await t.app.services.sources.createApiKey(a.companyId, source.id, 'test')).key };

    // Company B: a job with a member's note (which rings B's dispatchers), a job link, an API key.
    const bJobId = await newJob(b, b.organisation.customerId, b.organisation.locationIds[0]!, [b.organisation.member.id]);
    await customerNote(b.organisation.member.cookie, bJobId, 'Please call before coming.');
    const bBell = await call(t.app, 'GET', '/api/notifications', { cookie: b.dispatcher.cookie });
    const bSources = await t.app.services.sources.list(b.companyId);
    stranger = {
      jobId: bJobId,
      link: await jobLinkCookie(t, b, bJobId, b.organisation.member.id),
      notificationId: bBell.body.items[0].id,
      apiKeyId: bSources.find((s) => s.id === b.partner.sourceId)!.apiKeys[0]!.id,
    };

    targetBefore = (await call(t.app, 'GET', `/api/jobs/${jobId}`, aDispatcher)).body;
  });
  afterAll(() => t.close());

  /** The job-route template filled with company A's target: its job, visit, a customer-visible photo and its job link. */
  const targetUrl = (key: string, jobId = target.jobId) => {
    const values: Record<string, string> = { jobId, appointmentId: target.appointmentId, attachmentId: target.customerPhotoId, linkId: target.link.linkId, documentId: /\/payments$/.test(key) ? targetInvoiceId : targetDocumentId, paymentId: targetPaymentId };
    return key.split(' ')[1]!.replace(/:(\w+)/g, (_, name: string) => values[name] ?? `<no value for :${name}>`);
  };

  async function send(key: string, caller: Caller, own: World, jobId?: string) {
    const method = key.split(' ')[0]!;
    const url = targetUrl(key, jobId);
    if (key.endsWith('/uploads')) {
      const { payload, contentType } = multipartFile(TINY_PNG, 'photo.png', 'image/png');
      return call(t.app, method, url, { ...caller, body: payload, headers: { 'content-type': contentType } });
    }
    const body = BODIES[key]?.(own) ?? (method === 'POST' ? {} : undefined);
    return call(t.app, method, url, { ...caller, ...(body ? { body } : {}) });
  }

  /** Calls each route as each caller; returns the calls whose status was not the expected one. */
  async function sweep(keys: string[], callers: [string, Caller][], own: World, expected: (status: number, key: string, code?: string) => boolean, jobId?: string) {
    const wrong: string[] = [];
    for (const key of keys) {
      for (const [name, caller] of callers) {
        const { status, body } = await send(key, caller, own, jobId);
        if (!expected(status, key, body?.error?.code)) wrong.push(`${key} as ${name}: ${status} ${JSON.stringify(body?.error?.code ?? '')}`);
      }
    }
    return wrong;
  }

  it('opens the target to its own people (so every 404 below is about who asks)', async () => {
    const reads: [string, Caller, number][] = [
      [`/api/jobs/${target.jobId}`, { cookie: a.dispatcher.cookie }, 200],
      [`/api/jobs/${target.jobId}/attachments/${target.customerPhotoId}`, { cookie: a.technician.cookie }, 200],
      [`/api/portal/jobs/${target.jobId}`, { cookie: a.organisation.member.cookie }, 200],
      [`/api/portal/jobs/${target.jobId}`, { cookie: target.link.cookie }, 200],
      [`/api/portal/jobs/${target.jobId}/attachments/${target.customerPhotoId}`, { cookie: a.organisation.member.cookie }, 200],
      [`/api/intake/jobs/${target.jobId}`, { bearer: a.partner.apiKey }, 200],
    ];
    for (const [url, caller, status] of reads) expect((await call(t.app, 'GET', url, caller)).status, url).toBe(status);
  });

  describe('another company', () => {
    const strangers = (): Record<Exclude<Role, 'anonymous'>, Caller> => ({
      job_link: { cookie: stranger.link.cookie },
      customer_member: { cookie: b.organisation.member.cookie },
      customer_admin: { cookie: b.organisation.admin.cookie },
      technician: { cookie: b.technician.cookie },
      dispatcher: { cookie: b.dispatcher.cookie },
      admin: { cookie: b.admin.cookie },
      integration: { bearer: b.partner.apiKey },
    });

    // For each job route, every role of company B that the table lets call it asks for A's job:
    // 404, never 403 (which would confirm the job exists) and never a success.
    it.each(JOB_ROUTES)('%s: 404 for every role of another company', async (key) => {
      const callers = ROLES.filter((role) => role !== 'anonymous' && ACCESS_TABLE[key]!.includes(role)).map((role): [string, Caller] => [role, strangers()[role as Exclude<Role, 'anonymous'>]]);
      expect(callers.length).toBeGreaterThan(0);
      expect(await sweep([key], callers, b, (status) => status === 404)).toEqual([]);
    });

    it('changed nothing of the target job while trying', async () => {
      expect((await call(t.app, 'GET', `/api/jobs/${target.jobId}`, { cookie: a.dispatcher.cookie })).body).toEqual(targetBefore);
      expect((await call(t.app, 'GET', `/api/portal/jobs/${target.jobId}`, { cookie: target.link.cookie })).status).toBe(200);
    });

    it("keeps company B's records out of company A's lists", async () => {
      const aDispatcher = { cookie: a.dispatcher.cookie };
      const bSources = await t.app.services.sources.list(b.companyId);
      const bUsers = await t.app.services.accounts.listUsers(b.companyId);
      const list = async (url: string, caller: Caller = aDispatcher) => {
        const answer = await call(t.app, 'GET', url, caller);
        expect(answer.status, url).toBe(200);
        return ids(answer.body.items);
      };

      const customers = await list('/api/customers?limit=200');
      expect(customers).toEqual(expect.arrayContaining([a.household.customerId, a.organisation.customerId]));
      expect(customers).not.toContain(b.household.customerId);
      expect(customers).not.toContain(b.organisation.customerId);
      expect(await list(`/api/customers?q=${encodeURIComponent(b.household.contact.email)}`)).toEqual([]);
      expect(await list(`/api/customers?q=${encodeURIComponent(a.household.contact.email)}`)).toEqual([a.household.customerId]);

      const technicians = await list('/api/technicians');
      expect(technicians).toEqual(expect.arrayContaining([a.technician.id, a.otherTechnician.id]));
      expect(technicians.filter((id) => [b.technician.id, b.otherTechnician.id].includes(id))).toEqual([]);

      const users = await list('/api/users', { cookie: a.admin.cookie });
      expect(users).toContain(a.dispatcher.id);
      expect(users.filter((id) => ids(bUsers).includes(id))).toEqual([]);

      const categories = await list('/api/service-categories');
      expect(categories).toContain(a.categoryId);
      expect(categories).not.toContain(b.categoryId);

      const sources = await list('/api/job-sources');
      expect(sources).toContain(a.partner.sourceId);
      expect(sources.filter((id) => ids(bSources).includes(id))).toEqual([]);

      const bell = await list('/api/notifications');
      expect(bell.length).toBeGreaterThan(0);
      expect(bell).not.toContain(stranger.notificationId);

      const jobs = await list('/api/jobs?limit=200');
      expect(jobs).toContain(target.jobId);
      expect(jobs).not.toContain(stranger.jobId);
      expect(await list(`/api/jobs?customerId=${b.organisation.customerId}`)).toEqual([]);
      expect(await list(`/api/jobs?technicianId=${b.technician.id}`)).toEqual([]);
      expect(await list(`/api/jobs?sourceId=${b.partner.sourceId}`)).toEqual([]);

      // And the other way round, a customer's own list.
      expect(await list('/api/portal/jobs', { cookie: b.organisation.admin.cookie })).not.toContain(target.jobId);
    });

    it("answers 404 to company A's staff for any of company B's records by id, and changes none of them", async () => {
      const aDispatcher = { cookie: a.dispatcher.cookie };
      const aAdmin = { cookie: a.admin.cookie };
      const requests: [string, string, Caller, object?][] = [
        ['GET', `/api/customers/${b.household.customerId}`, aDispatcher],
        ['POST', `/api/customers/${b.household.customerId}/contacts`, aDispatcher, { name: 'Intruder', email: 'intruder@example.test' }],
        ['POST', `/api/customers/${b.household.customerId}/locations`, aDispatcher, { line1: '1 Nowhere Lane', city: 'Springfield', postalCode: '62799', country: 'US' }],
        ['PATCH', `/api/technicians/${b.technician.id}/profile`, aDispatcher, { phone: '+1 555 0666' }],
        ['POST', `/api/technicians/${b.technician.id}/bio/approve`, aDispatcher],
        ['PATCH', `/api/users/${b.dispatcher.id}`, aAdmin, { name: 'Renamed by a stranger' }],
        ['PATCH', `/api/service-categories/${b.categoryId}`, aAdmin, { name: 'Renamed by a stranger' }],
        ['PATCH', `/api/job-sources/${b.partner.sourceId}`, aAdmin, { name: 'Renamed by a stranger' }],
        ['POST', `/api/job-sources/${b.partner.sourceId}/api-keys`, aAdmin, { name: 'Stolen' }],
        ['DELETE', `/api/job-sources/${b.partner.sourceId}/api-keys/${stranger.apiKeyId}`, aAdmin],
        ['POST', `/api/notifications/${stranger.notificationId}/read`, aDispatcher],
      ];
      const wrong: string[] = [];
      for (const [method, url, caller, body] of requests) {
        const { status } = await call(t.app, method, url, { ...caller, body: body ?? (method === 'POST' ? {} : undefined) });
        if (status !== 404) wrong.push(`${method} ${url}: ${status}`);
      }
      expect(wrong).toEqual([]);

      const bDispatcher = { cookie: b.dispatcher.cookie };
      const customer = (await call(t.app, 'GET', `/api/customers/${b.household.customerId}`, bDispatcher)).body;
      expect([customer.contacts.length, customer.locations.length]).toEqual([1, 1]);
      const technician = (await call(t.app, 'GET', '/api/technicians', bDispatcher)).body.items.find((x: { id: string }) => x.id === b.technician.id);
      expect(technician).toMatchObject({ phone: null, bioStatus: 'none' });
      expect((await call(t.app, 'GET', '/api/users', { cookie: b.admin.cookie })).body.items.find((u: { id: string }) => u.id === b.dispatcher.id).name).toBe('Dana Dispatcher');
      expect((await call(t.app, 'GET', '/api/service-categories', bDispatcher)).body.items.find((c: { id: string }) => c.id === b.categoryId).name).not.toBe('Renamed by a stranger');
      const source = (await call(t.app, 'GET', '/api/job-sources', bDispatcher)).body.items.find((s: { id: string }) => s.id === b.partner.sourceId);
      expect(source).toMatchObject({ name: 'HomeShield Warranty', apiKeys: [{ id: stranger.apiKeyId, revokedAt: null }] });
      const bell = (await call(t.app, 'GET', '/api/notifications', bDispatcher)).body.items.find((n: { id: string }) => n.id === stranger.notificationId);
      expect(bell.readAt).toBeNull();
    });
  });

  describe('within one company', () => {
    it("answers 404 to another customer's contact, and to that customer's job link, on every portal job route", async () => {
      const household = await jobLinkCookie(t, a, householdJobId, a.household.contact.id);
      const callers: [string, Caller][] = [
        ['the household contact', { cookie: a.household.contact.cookie }],
        ["the household's job link", { cookie: household.cookie }],
      ];
      expect(await sweep(PORTAL_JOB_ROUTES, callers, a, (status) => status === 404)).toEqual([]);
    });

    it('answers 404 to an organisation member who is not on the job, while the organisation admin gets in', async () => {
      expect(await sweep(PORTAL_JOB_ROUTES, [['the other member', { cookie: a.organisation.otherMember.cookie }]], a, (status) => status === 404)).toEqual([]);
      expect(await sweep(OWNERS_PORTAL_ROUTES, [['the organisation admin', { cookie: a.organisation.admin.cookie }]], a, letIn)).toEqual([]);
    });

    it('lets a job link open its own job only, not another job of the same customer and contact', async () => {
      const link: [string, Caller][] = [["the target's job link", { cookie: target.link.cookie }]];
      expect(await sweep(OWNERS_PORTAL_ROUTES, link, a, letIn)).toEqual([]);
      expect(await sweep(PORTAL_JOB_ROUTES, link, a, (status) => status === 404, siblingJobId)).toEqual([]);
      // The same contact, signed in, does see the sibling: the link is what is scoped.
      expect((await call(t.app, 'GET', `/api/portal/jobs/${siblingJobId}`, { cookie: a.organisation.member.cookie })).status).toBe(200);
    });

    it('shows each customer contact only the jobs they may open', async () => {
      const myJobs = async (cookie: string) => ids((await call(t.app, 'GET', '/api/portal/jobs?limit=100', { cookie })).body.items);
      expect(await myJobs(a.organisation.member.cookie)).toEqual(expect.arrayContaining([target.jobId, siblingJobId]));
      expect(await myJobs(a.organisation.admin.cookie)).toEqual(expect.arrayContaining([target.jobId, siblingJobId]));
      expect(await myJobs(a.organisation.otherMember.cookie)).toEqual([]);
      expect(await myJobs(a.household.contact.cookie)).toEqual([householdJobId]);
    });

    it("answers 404 to a technician acting on another technician's visit, and leaves the visit as it was", async () => {
      const other: [string, Caller][] = [['the other technician', { cookie: a.otherTechnician.cookie }]];
      expect(await sweep(TECHNICIAN_STEPS, other, a, (status) => status === 404)).toEqual([]);
      expect((await call(t.app, 'GET', `/api/jobs/${target.jobId}/attachments/${target.customerPhotoId}`, { cookie: a.otherTechnician.cookie })).status).toBe(404);

      const day = async (cookie: string) => (await call(t.app, 'GET', '/api/technician/appointments?date=2026-01-14', { cookie })).body.items.map((x: { id: string }) => x.id);
      expect(await day(a.otherTechnician.cookie)).not.toContain(target.appointmentId);
      expect(await day(a.technician.cookie)).toContain(target.appointmentId);
      const job = (await call(t.app, 'GET', `/api/jobs/${target.jobId}`, { cookie: a.dispatcher.cookie })).body;
      expect(job.status).toBe('scheduled');
      expect(job.visits[0]).toMatchObject({ status: 'scheduled', enRouteAt: null, technician: { id: a.technician.id } });
    });

    it('lets a third-party source read only the jobs it sent', async () => {
      expect((await call(t.app, 'GET', `/api/intake/jobs/${target.jobId}`, { bearer: otherSource.apiKey })).status).toBe(404);
      expect((await call(t.app, 'GET', `/api/intake/jobs/${householdJobId}`, { bearer: a.partner.apiKey })).status).toBe(404);
      expect((await call(t.app, 'GET', `/api/intake/jobs/${target.jobId}`, { bearer: a.partner.apiKey })).status).toBe(200);
    });
  });

  describe('internal notes', () => {
    const portalCallers = (): [string, Caller][] => [
      ['the member on the job', { cookie: a.organisation.member.cookie }],
      ['the organisation admin', { cookie: a.organisation.admin.cookie }],
      ["the member's job link", { cookie: target.link.cookie }],
    ];

    it('never show on the job page a customer sees, nor their files', async () => {
      for (const [name, caller] of portalCallers()) {
        const page = await call(t.app, 'GET', `/api/portal/jobs/${target.jobId}`, caller);
        expect(page.status, name).toBe(200);
        const files = page.body.timeline.flatMap((entry: { attachments: { id: string }[] }) => ids(entry.attachments));
        expect(page.body.timeline.filter((entry: { visibility: string }) => entry.visibility !== 'customer'), name).toEqual([]);
        expect(JSON.stringify(page.body), name).not.toContain(INTERNAL_TEXT);
        expect(files, name).not.toContain(target.internalPhotoId);
        expect(files, name).toEqual(expect.arrayContaining([target.customerPhotoId, target.visiblePhotoId]));
      }
      // The answer to a customer's note carries the job page too.
      const noted = await call(t.app, 'POST', `/api/portal/jobs/${target.jobId}/notes`, { cookie: a.organisation.member.cookie, body: { text: 'Thanks!' } });
      expect(noted.status).toBe(201);
      expect(JSON.stringify(noted.body)).not.toContain(INTERNAL_TEXT);
      expect(JSON.stringify(noted.body)).not.toContain(target.internalPhotoId);
    });

    it("answer 404 to a customer downloading an internal note's file, which staff can download", async () => {
      for (const [name, caller] of portalCallers()) {
        expect((await call(t.app, 'GET', `/api/portal/jobs/${target.jobId}/attachments/${target.internalPhotoId}`, caller)).status, name).toBe(404);
        expect((await call(t.app, 'GET', `/api/portal/jobs/${target.jobId}/attachments/${target.visiblePhotoId}`, caller)).status, name).toBe(200);
      }
      const staffPage = (await call(t.app, 'GET', `/api/jobs/${target.jobId}`, { cookie: a.dispatcher.cookie })).body;
      expect(staffPage.timeline.find((entry: { data: { text?: string } }) => entry.data.text === INTERNAL_TEXT)).toMatchObject({ visibility: 'staff', attachments: [{ id: target.internalPhotoId }] });
      expect((await call(t.app, 'GET', `/api/jobs/${target.jobId}/attachments/${target.internalPhotoId}`, { cookie: a.dispatcher.cookie })).status).toBe(200);
    });

    it('keep a file to the job it belongs to: another job of the same customer does not serve it', async () => {
      const sibling = await call(t.app, 'GET', `/api/portal/jobs/${siblingJobId}/attachments/${target.visiblePhotoId}`, { cookie: a.organisation.admin.cookie });
      expect(sibling.status).toBe(404);
      const staff = await call(t.app, 'GET', `/api/jobs/${siblingJobId}/attachments/${target.visiblePhotoId}`, { cookie: a.dispatcher.cookie });
      expect(staff.status).toBe(404);
    });
  });
});
