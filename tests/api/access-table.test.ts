import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TABLE, isAccessControlled, routeKey } from '../../src/server/modules/access-table.js';
import { ROLES, type Role } from '../../src/server/modules/accounts/principal.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createWorld, jobLinkCookie, WINDOWS, type World } from '../helpers/world.js';
import { call, multipartFile, TINY_PNG, upload, type Caller } from '../helpers/http.js';

/** The routes anyone may call without credentials. Adding one is a decision: it must be listed here too. */
const PUBLIC_ROUTES = [
  'GET /health',
  'GET /api/openapi.json',
  'GET /api/map-config',
  'GET /api/setup',
  'POST /api/setup',
  'POST /api/auth/sign-in',
  'GET /api/companies/:slug/branding',
  'GET /api/branding',
  'POST /api/portal/sign-in-links',
  'POST /api/portal/sign-in',
  'POST /api/portal/job-links/redeem',
  'POST /api/sms/inbound',
  'POST /api/notifications/unsubscribe',
  // Signed by Stripe instead of a session (docs/payments.md): a bad signature is a 400.
  'POST /api/payments/webhooks/stripe',
];

const ENTRIES = Object.keys(ACCESS_TABLE);
const SIGN_OUT = 'POST /api/auth/sign-out';


describe('the access table (route × role)', () => {
  let t: TestApp;
  let w: World;
  /** One caller per role: a principal of exactly that role in the world's company. */
  let callers: Record<Role, Caller>;
  /** The value each path parameter takes: real ids of the world where the call can then mean something. */
  let params: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t);
    const dispatcher = { cookie: w.dispatcher.cookie };

    // A job the partner sent for the organisation's member: staff, the member, the organisation
    // admin, the member's job link and the partner all have a reason to reach it.
    const intake = await call(t.app, 'POST', '/api/intake/jobs', {
      bearer: w.partner.apiKey,
      body: {
        categoryId: w.categoryId,
        priority: 'normal',
        description: 'Dishwasher does not drain',
        customer: { name: 'Corp Offices Ltd', contact: { name: 'Mia Site A', email: w.organisation.member.email } },
        location: { line1: '1 Main Plaza', city: 'Springfield', postalCode: '62702', country: 'US' },
      },
    });
    expect(intake.status).toBe(201);
    const jobId: string = intake.body.id;

    // A customer-visible photo on it (which also rings every dispatcher's bell).
    const photo = await upload(t.app, `/api/portal/jobs/${jobId}/uploads`, { cookie: w.organisation.member.cookie }, TINY_PNG, 'leak.png');
    expect(photo.status).toBe(201);
    const note = await call(t.app, 'POST', `/api/portal/jobs/${jobId}/notes`, { cookie: w.organisation.member.cookie, body: { text: 'Water under the sink.', attachmentIds: [photo.body.id] } });
    expect(note.status).toBe(201);
    const bell = await call(t.app, 'GET', '/api/notifications', dispatcher);
    const notificationId: string = bell.body.items.find((n: { jobId: string }) => n.jobId === jobId).id;

    // The technician's steps run on a visit of another job, so they cannot disturb the one above.
    const visitJob = await call(t.app, 'POST', '/api/jobs', {
      ...dispatcher,
      body: { customerId: w.household.customerId, locationId: w.household.locationId, categoryId: w.categoryId, priority: 'normal', description: 'Annual boiler service' },
    });
    const scheduled = await call(t.app, 'POST', `/api/jobs/${visitJob.body.id}/schedule`, { ...dispatcher, body: { technicianId: w.technician.id, ...WINDOWS.tomorrowMorning } });
    expect(scheduled.status).toBe(200);

    // A bio to approve, so the approval route is exercised rather than refused for want of one.
    const bio = await call(t.app, 'PATCH', `/api/technicians/${w.technician.id}/profile`, { cookie: w.technician.cookie, body: { bio: 'Ten years on boilers.' } });
    expect(bio.status).toBe(200);

    const link = await jobLinkCookie(t, w, jobId, w.organisation.member.id);
    callers = {
      anonymous: {},
      job_link: { cookie: link.cookie },
      customer_member: { cookie: w.organisation.member.cookie },
      customer_admin: { cookie: w.organisation.admin.cookie },
      technician: { cookie: w.technician.cookie },
      dispatcher,
      admin: { cookie: w.admin.cookie },
      integration: { bearer: w.partner.apiKey },
    };
    params = {
      jobId,
      attachmentId: photo.body.id,
      appointmentId: scheduled.body.visits[0].id,
      notificationId,
      userId: w.technician.id,
      template: 'job_created',
      locale: 'en',
      messageId: randomUUID(),
      customerId: w.household.customerId,
      categoryId: w.categoryId,
      sourceId: w.partner.sourceId,
      slug: w.slug,
      // Real ones would revoke the very credentials this sweep calls with.
      apiKeyId: randomUUID(),
      linkId: randomUUID(),
      // Estimates and invoices: an id nobody has answers 404 past the door.
      documentId: randomUUID(),
      // Payments: ids nobody has answer 404 past the door.
      paymentId: randomUUID(),
      paymentMethodId: 'pm_nobody_has',
      // Service plans: an id nobody has answers 404 past the door.
      planId: randomUUID(),
    };
  });
  afterAll(() => t.close());

  const urlOf = (template: string) =>
    template.replace(/:(\w+)/g, (_, name: string) => {
      const value = params[name];
      if (!value) throw new Error(`the test has no value for :${name}; add one to params`);
      return value;
    });

  /** Calls an entry of the table as a caller: `{}` as the body of a POST or PATCH, a real photo for uploads. */
  async function send(key: string, caller: Caller) {
    const [method, template] = key.split(' ') as [string, string];
    const url = urlOf(template);
    if (template.endsWith('/uploads')) {
      const { payload, contentType } = multipartFile(TINY_PNG, 'photo.png', 'image/png');
      return call(t.app, method, url, { ...caller, body: payload, headers: { 'content-type': contentType } });
    }
    return call(t.app, method, url, { ...caller, ...(method === 'POST' || method === 'PATCH' ? { body: {} } : {}) });
  }

  /** Signing out ends the caller's session: that entry gets sessions of its own, so the others keep theirs. */
  async function callerFor(key: string, role: Role): Promise<Caller> {
    const subjects: Partial<Record<Role, { kind: 'user' | 'contact'; id: string }>> = {
      customer_member: { kind: 'contact', id: w.organisation.member.id },
      customer_admin: { kind: 'contact', id: w.organisation.admin.id },
      technician: { kind: 'user', id: w.technician.id },
      dispatcher: { kind: 'user', id: w.dispatcher.id },
      admin: { kind: 'user', id: w.admin.id },
    };
    const subject = subjects[role];
    if (key !== SIGN_OUT || !subject) return callers[role];
    const session = await t.app.services.accounts.createSession(w.companyId, subject.kind, subject.id);
    return { cookie: `arrivo_session=${session.token}` };
  }

  it('has an entry for every API route the app registers, and none for a route that does not exist', () => {
    const registered = [...new Set(t.app.routeList.filter((r) => r.method !== 'HEAD' && isAccessControlled(r.url)).map((r) => routeKey(r.method, r.url)))];
    expect(registered.filter((key) => !ACCESS_TABLE[key]), 'routes without an entry in access-table.ts').toEqual([]);
    expect(ENTRIES.filter((key) => !registered.includes(key)), 'entries for routes the app does not register').toEqual([]);
  });

  it('gives each role of the sweep a caller that really is that role', async () => {
    const { accounts } = t.app.services;
    const token = (caller: Caller, name: string) => caller.cookie!.slice(`${name}=`.length);
    for (const role of ['customer_member', 'customer_admin', 'technician', 'dispatcher', 'admin'] as const) {
      expect((await accounts.resolveSession(token(callers[role], 'arrivo_session')))?.role).toBe(role);
    }
    expect((await accounts.resolveJobLink(token(callers.job_link, 'arrivo_job')))?.jobId).toBe(params.jobId);
    expect((await accounts.resolveApiKey(callers.integration.bearer!))?.role).toBe('integration');
  });

  // Every entry × every role: a role the entry lets in gets past the door (any answer but 401/403),
  // any other role is turned away (401 without credentials, 403 with), and nothing answers 5xx.
  // A public entry ('anonymous') lets everyone in: holding credentials never closes a public route.
  it.each(ENTRIES)('%s: answers every role as the table says', async (key) => {
    const allowed = ACCESS_TABLE[key]!;
    const lets = (role: Role) => allowed.includes(role) || allowed.includes('anonymous');
    const problems: string[] = [];
    for (const role of ROLES) {
      const { status, body } = await send(key, await callerFor(key, role));
      const expected = lets(role) ? 'neither 401 nor 403' : role === 'anonymous' ? '401' : '403';
      const ok = status < 500 && (lets(role) ? status !== 401 && status !== 403 : status === (role === 'anonymous' ? 401 : 403));
      if (!ok) problems.push(`${role}: ${status} ${JSON.stringify(body?.error ?? '')} (expected ${expected})`);
    }
    expect(problems).toEqual([]);
  });

  // A job link's cookie is sent only under its job's path (plugins/auth.ts): a route elsewhere that
  // lets job links in would answer 401 in a browser, whatever the API tests send by hand.
  it('lets job links in only under /api/portal/jobs/:jobId, where their cookie goes', () => {
    const elsewhere = ENTRIES.filter((key) => ACCESS_TABLE[key]!.includes('job_link') && !/^\w+ \/api\/portal\/jobs\/:jobId(\/|$)/.test(key));
    expect(elsewhere).toEqual([]);
  });

  it('lists the public routes explicitly: exactly the entries open to anonymous callers', () => {
    const open = ENTRIES.filter((key) => ACCESS_TABLE[key]!.includes('anonymous'));
    expect([...open].sort()).toEqual([...PUBLIC_ROUTES].sort());
  });

  it('answers 401 on every other route without credentials, or with ones that are no longer good', async () => {
    const { accounts, sources } = t.app.services;
    const signedOut = await accounts.createSession(w.companyId, 'user', w.dispatcher.id);
    expect((await call(t.app, 'POST', '/api/auth/sign-out', { cookie: `arrivo_session=${signedOut.token}` })).status).toBe(200);
    const revokedKey = await sources.createApiKey(w.companyId, w.partner.sourceId, 'old');
    await sources.revokeApiKey(w.companyId, w.partner.sourceId, revokedKey.id);
    const variants: Record<string, Caller> = {
      'no credentials': {},
      'an unknown session': { cookie: 'arrivo_session=s_thisisnotasessionatall' },
      'a signed-out session': { cookie: `arrivo_session=${signedOut.token}` },
      'an unknown job link': { cookie: 'arrivo_job=j_thisisnotajoblinkatall' },
      'a revoked API key': { bearer: revokedKey.key },
    };

    const problems: string[] = [];
    for (const key of ENTRIES.filter((k) => !PUBLIC_ROUTES.includes(k))) {
      for (const [name, caller] of Object.entries(variants)) {
        const { status } = await send(key, caller);
        if (status !== 401) problems.push(`${key} with ${name}: ${status}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('an update with nothing to change answers 200 and changes nothing', async () => {
    const admin = { cookie: w.admin.cookie };
    const before = (await call(t.app, 'GET', '/api/technicians', admin)).body.items.find((x: { id: string }) => x.id === w.technician.id);
    const technician = await call(t.app, 'PATCH', `/api/technicians/${w.technician.id}/profile`, { ...admin, body: {} });
    expect(technician.status).toBe(200);
    expect(technician.body).toEqual(before);
    expect((await call(t.app, 'PATCH', `/api/service-categories/${w.categoryId}`, { ...admin, body: {} })).status).toBe(200);
    expect((await call(t.app, 'PATCH', `/api/job-sources/${w.partner.sourceId}`, { ...admin, body: {} })).status).toBe(200);
  });

  it('approving a bio that does not exist is a conflict (409), not a refusal of the role', async () => {
    const answer = await call(t.app, 'POST', `/api/technicians/${w.otherTechnician.id}/bio/approve`, { cookie: w.dispatcher.cookie });
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('NO_BIO');
  });
});
