import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE } from '../../src/server/lib/clock.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createWorld, type World } from '../helpers/world.js';
import { call } from '../helpers/http.js';
import { startMailInbox, type MailInbox, type ReceivedMail } from '../helpers/mail-inbox.js';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** A fresh staff session at the clock's current time (the world's cookies expire as tests move the clock). */
async function staffCookie(t: TestApp, w: World, userId: string) {
  return `arrivo_session=${(await t.app.services.accounts.createSession(w.companyId, 'user', userId)).token}`;
}

/** A job for the household, created by hand by a dispatcher; the household contact is on it. */
async function newJob(t: TestApp, w: World, description = 'The boiler is making a knocking noise') {
  const created = await call(t.app, 'POST', '/api/jobs', {
    cookie: await staffCookie(t, w, w.dispatcher.id),
    body: { customerId: w.household.customerId, locationId: w.household.locationId, categoryId: w.categoryId, priority: 'normal', description },
  });
  expect(created.status).toBe(201);
  return created.body.id as string;
}

/** Sends the app's log lines (pino, under Fastify) into an array from now on. */
function captureLog(t: TestApp): string[] {
  const lines: string[] = [];
  const root = t.app.log as unknown as Record<symbol, unknown>;
  let holder: object | null = root;
  let streamSymbol: symbol | undefined;
  while (holder && !streamSymbol) {
    streamSymbol = Object.getOwnPropertySymbols(holder).find((s) => s.description === 'pino.stream');
    holder = Object.getPrototypeOf(holder) as object | null;
  }
  if (!streamSymbol) throw new Error('cannot find the logger’s stream');
  root[streamSymbol] = { write: (line: string) => lines.push(line) };
  return lines;
}

describe('customer sign-in by a link sent by e-mail (real SMTP on loopback)', () => {
  let inbox: MailInbox;
  let t: TestApp;
  let w: World;
  let jobId: string;
  let ipCounter = 0;
  /** Each test speaks from its own address, so the per-IP limit of one test does not leak into another. */
  const freshIp = () => `192.0.2.${++ipCounter}`;

  beforeAll(async () => {
    inbox = await startMailInbox();
    t = await createTestApp({ env: { SMTP_URL: inbox.url }, realMailer: true });
    w = await createWorld(t);
    jobId = await newJob(t, w);
  });
  afterAll(async () => {
    await t.close();
    await inbox.close();
  });
  // Each test starts well past the previous one's 15-minute windows.
  beforeEach(() => t.clock.advance(HOUR));

  const requestLink = (email: string, remoteAddress: string, company = w.slug) =>
    t.app.inject({ method: 'POST', url: '/api/portal/sign-in-links', remoteAddress, payload: { company, email } });

  const linkIn = (mail: ReceivedMail) => {
    const match = mail.text.match(/(https?:\/\/\S+\/portal\/sign-in#token=([A-Za-z0-9_-]+))/);
    expect(match, `no sign-in link in:\n${mail.text}`).not.toBeNull();
    return { url: match![1]!, token: match![2]! };
  };

  const mailsTo = (email: string) => (mail: ReceivedMail) => mail.envelopeTo.includes(email);

  it('mails a link to a known contact; the page POSTs its token, which signs the contact in and opens their jobs', async () => {
    const email = w.household.contact.email;
    const before = inbox.to(email).length;
    const asked = await requestLink(email, freshIp());
    expect(asked.statusCode).toBe(202);

    const [mail] = (await inbox.waitFor(before + 1, mailsTo(email))).slice(before);
    expect(mail!.envelopeFrom).toBe('no-reply@arrivo.local');
    const company = await t.app.services.companies.requireCompany(w.companyId);
    expect(mail!.subject).toBe(`Your sign-in link for ${company.name}`);
    expect(mail!.text).toContain('Hello Ana García');
    const { url, token } = linkIn(mail!);
    // The token rides in the fragment, which browsers never send to a server or in a Referer.
    expect(url).toBe(`http://arrivo.test/portal/sign-in#token=${token}`);
    expect(mail!.html).toContain(`href="${url}"`);
    // Only its hash is kept.
    const stored = await t.db.selectFrom('sign_in_tokens').selectAll().where('contact_id', '=', w.household.contact.id).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(sha256(token));
    expect(JSON.stringify(stored)).not.toContain(token);

    // A mail scanner that "clicks" the link only GETs the page: nothing is used up.
    for (const scan of ['/portal/sign-in', `/portal/sign-in?token=${token}`]) {
      const page = await call(t.app, 'GET', scan);
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      expect(page.cookies).toEqual([]);
    }
    expect((await t.db.selectFrom('sign_in_tokens').select('used_at').where('id', '=', stored.id).executeTakeFirstOrThrow()).used_at).toBeNull();

    const signedIn = await call(t.app, 'POST', '/api/portal/sign-in', { body: { token } });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.contact).toEqual({ id: w.household.contact.id, name: 'Ana García', customerId: w.household.customerId });
    const session = signedIn.cookies.find((c) => c.name === 'arrivo_session');
    expect(session).toMatchObject({ path: '/', httpOnly: true, secure: true, sameSite: 'Lax' });

    const jobs = await call(t.app, 'GET', '/api/portal/jobs', { cookie: `arrivo_session=${session!.value}` });
    expect(jobs.status).toBe(200);
    expect(jobs.body.items.map((j: { id: string }) => j.id)).toContain(jobId);
    expect((await call(t.app, 'GET', `/api/portal/jobs/${jobId}`, { cookie: `arrivo_session=${session!.value}` })).status).toBe(200);

    // Single use: the same token again gets nothing.
    const replay = await call(t.app, 'POST', '/api/portal/sign-in', { body: { token } });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('SIGN_IN_LINK_INVALID');
    expect(replay.cookies.find((c) => c.name === 'arrivo_session')).toBeUndefined();
  });

  it('a link is good for 15 minutes and not a moment longer', async () => {
    const email = w.organisation.member.email;
    const ip = freshIp();
    const before = inbox.to(email).length;
    await requestLink(email, ip);
    await requestLink(email, ip);
    const [first, second] = (await inbox.waitFor(before + 2, mailsTo(email))).slice(before).map(linkIn);

    t.clock.advance(15 * MINUTE - 1000);
    expect((await call(t.app, 'POST', '/api/portal/sign-in', { body: { token: first!.token } })).status).toBe(200);
    t.clock.advance(1000);
    const late = await call(t.app, 'POST', '/api/portal/sign-in', { body: { token: second!.token } });
    expect(late.status).toBe(401);
    expect(late.body.error.code).toBe('SIGN_IN_LINK_INVALID');
  });

  it('answers a known and an unknown address the same way, and mails only the known one', async () => {
    const ip = freshIp();
    const known = w.organisation.otherMember.email;
    const unknown = `stranger-${randomUUID().slice(0, 8)}@example.test`;
    const before = inbox.to(known).length;
    const answers = [await requestLink(known, ip), await requestLink(unknown, ip), await requestLink(known, ip, `no-such-company-${randomUUID().slice(0, 8)}`)];
    for (const answer of answers) expect(answer.statusCode).toBe(202);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(answers[0]!.json().message).toMatch(/If this address belongs to a customer/);

    await inbox.waitFor(before + 1, mailsTo(known));
    // Let any stray mail arrive before checking that none did.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(inbox.to(unknown)).toEqual([]);
    expect(inbox.to(known)).toHaveLength(before + 1);
  });

  it('sends at most 3 links to one address per 15 minutes, answering every request the same', async () => {
    const ip = freshIp();
    const email = w.organisation.admin.email;
    const sentinel = w.household.contact.email;
    const before = inbox.to(email).length;
    const sentinelBefore = inbox.to(sentinel).length;
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await requestLink(email, ip));
    expect(answers.map((a) => a.statusCode)).toEqual([202, 202, 202, 202, 202]);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);

    // Mail is sent in the background: wait for the three, then for a later mail to someone else,
    // so a fourth one to this address would have had its chance to arrive.
    await inbox.waitFor(before + 3, mailsTo(email));
    await requestLink(sentinel, ip);
    await inbox.waitFor(sentinelBefore + 1, mailsTo(sentinel));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(inbox.to(email)).toHaveLength(before + 3);
    const contact = await t.db.selectFrom('contacts').select('id').where('email', '=', email).executeTakeFirstOrThrow();
    const tokens = await t.db.selectFrom('sign_in_tokens').select('id').where('contact_id', '=', contact.id).where('created_at', '>=', t.clock.now().toISOString()).execute();
    expect(tokens).toHaveLength(3);

    // Once the window has passed, the address can have a link again.
    t.clock.advance(15 * MINUTE + 1000);
    await requestLink(email, freshIp());
    await inbox.waitFor(before + 4, mailsTo(email));
  });

  it('rate-limits link requests per IP address', async () => {
    const ip = freshIp();
    for (let i = 0; i < 10; i++) expect((await requestLink(`probe-${i}-${randomUUID().slice(0, 8)}@example.test`, ip)).statusCode).toBe(202);
    const limited = await requestLink(`probe-11@example.test`, ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    // Someone else is not affected.
    expect((await requestLink('probe-other@example.test', freshIp())).statusCode).toBe(202);
  });
});

describe('job links: one job for one contact, never the account', () => {
  const GRACE_DAYS = 3;
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp({ env: { JOB_LINK_GRACE_DAYS: String(GRACE_DAYS) } });
    w = await createWorld(t);
  });
  afterAll(() => t.close());

  async function createLink(jobId: string, contactId = w.household.contact.id) {
    const answer = await call(t.app, 'POST', `/api/jobs/${jobId}/links`, { cookie: await staffCookie(t, w, w.dispatcher.id), body: { contactId } });
    expect(answer.status).toBe(201);
    const token = (answer.body.url as string).split('/j/')[1]!;
    return { id: answer.body.id as string, url: answer.body.url as string, token };
  }

  async function redeem(token: string) {
    const answer = await call(t.app, 'POST', '/api/portal/job-links/redeem', { body: { token } });
    const cookie = answer.cookies.find((c) => c.name === 'arrivo_job');
    return { ...answer, cookie, header: cookie ? `arrivo_job=${cookie.value}` : undefined };
  }

  const viewJob = (jobId: string, cookie: string) => call(t.app, 'GET', `/api/portal/jobs/${jobId}`, { cookie });

  it('a dispatcher makes a link whose token carries at least 128 random bits and is stored only as its hash', async () => {
    const jobId = await newJob(t, w);
    const link = await createLink(jobId);
    expect(link.url).toMatch(/^http:\/\/arrivo\.test\/j\/j_[A-Za-z0-9_-]+$/);
    const random = link.token.slice('j_'.length);
    expect(random.length).toBeGreaterThanOrEqual(22);
    const other = await createLink(jobId);
    expect(other.token).not.toBe(link.token);

    const row = await t.db.selectFrom('job_links').selectAll().where('id', '=', link.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ job_id: jobId, contact_id: w.household.contact.id, company_id: w.companyId, revoked_at: null });
    expect(row.token_hash).toBe(sha256(link.token));
    expect(JSON.stringify(row)).not.toContain(random);

    // Only a contact on the job can get a link to it.
    const stranger = await call(t.app, 'POST', `/api/jobs/${jobId}/links`, { cookie: await staffCookie(t, w, w.dispatcher.id), body: { contactId: w.organisation.member.id } });
    expect(stranger.status).toBe(404);
  });

  it('the page moves the token into a cookie scoped to the job, which opens that job and nothing of the account', async () => {
    const jobId = await newJob(t, w);
    const otherJobId = await newJob(t, w, 'Another job of the same household');
    const link = await createLink(jobId);

    const page = await call(t.app, 'GET', `/j/${link.token}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).not.toContain(link.token);
    expect(page.cookies).toEqual([]);

    const redeemed = await redeem(link.token);
    expect(redeemed.status).toBe(200);
    expect(redeemed.body).toEqual({ jobId });
    expect(redeemed.headers['referrer-policy']).toBe('no-referrer');
    expect(redeemed.cookie).toMatchObject({ value: link.token, path: `/api/portal/jobs/${jobId}`, httpOnly: true, secure: true, sameSite: 'Lax' });

    const view = await viewJob(jobId, redeemed.header!);
    expect(view.status).toBe(200);
    expect(view.body.id).toBe(jobId);

    // Never the account: not the list of jobs, not the profile, not a new request, not the household's other job.
    for (const [method, url] of [
      ['GET', '/api/portal/jobs'],
      ['GET', '/api/portal/me'],
      ['POST', '/api/portal/requests'],
    ] as const) {
      const answer = await call(t.app, method, url, { cookie: redeemed.header!, ...(method === 'POST' ? { body: {} } : {}) });
      expect([401, 403], `${method} ${url}`).toContain(answer.status);
    }
    const otherJob = await viewJob(otherJobId, redeemed.header!);
    expect([401, 403, 404]).toContain(otherJob.status);

    const forged = await redeem('j_this-is-not-a-real-token-at-all');
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('JOB_LINK_INVALID');
    expect(forged.cookie).toBeUndefined();
  });

  it('opening a job link does not write its token to the log', async () => {
    const logged = await createTestApp({ env: { LOG_LEVEL: 'info' } });
    try {
      const lines = captureLog(logged);
      const token = 'j_' + 'A'.repeat(43);
      expect((await call(logged.app, 'GET', `/j/${token}`)).status).toBe(200);
      await call(logged.app, 'POST', '/api/portal/job-links/redeem', { body: { token } });
      // The request was logged (so the check below looks at real log lines), without the token.
      expect(lines.some((line) => line.includes('"url":"/j/[token]"'))).toBe(true);
      expect(lines.join('\n')).not.toContain(token);
    } finally {
      await logged.close();
    }
  });

  it('a revoked link stops working at once, cookie or not', async () => {
    const jobId = await newJob(t, w);
    const link = await createLink(jobId);
    const kept = await createLink(jobId);
    const { header } = await redeem(link.token);
    expect((await viewJob(jobId, header!)).status).toBe(200);

    const dispatcher = await staffCookie(t, w, w.dispatcher.id);
    const revoked = await call(t.app, 'DELETE', `/api/jobs/${jobId}/links/${link.id}`, { cookie: dispatcher });
    expect(revoked.status).toBe(204);
    expect((await viewJob(jobId, header!)).status).toBe(401);
    expect((await redeem(link.token)).status).toBe(401);
    expect((await call(t.app, 'DELETE', `/api/jobs/${jobId}/links/${link.id}`, { cookie: dispatcher })).status).toBe(404);
    // Other links to the same job are untouched.
    expect((await viewJob(jobId, `arrivo_job=${kept.token}`)).status).toBe(200);
  });

  it('an open job’s link keeps working, however long the job stays open', async () => {
    const jobId = await newJob(t, w);
    const link = await createLink(jobId);
    t.clock.advance(90 * DAY);
    expect((await viewJob(jobId, `arrivo_job=${link.token}`)).status).toBe(200);
  });

  it(`after the job is completed the link works for JOB_LINK_GRACE_DAYS (${GRACE_DAYS}) more, then stops`, async () => {
    const jobId = await newJob(t, w);
    const link = await createLink(jobId);
    const { header } = await redeem(link.token);

    const now = t.clock.now().getTime();
    const window = { windowStart: new Date(now + HOUR).toISOString(), windowEnd: new Date(now + 3 * HOUR).toISOString() };
    const scheduled = await call(t.app, 'POST', `/api/jobs/${jobId}/schedule`, { cookie: await staffCookie(t, w, w.dispatcher.id), body: { technicianId: w.technician.id, ...window } });
    expect(scheduled.status).toBe(200);
    const appointmentId = scheduled.body.visits[0].id;
    t.clock.advance(HOUR);
    const technician = await staffCookie(t, w, w.technician.id);
    for (const step of ['on-my-way', 'start']) expect((await call(t.app, 'POST', `/api/technician/appointments/${appointmentId}/${step}`, { cookie: technician })).status).toBe(200);
    const completed = await call(t.app, 'POST', `/api/technician/appointments/${appointmentId}/complete`, { cookie: technician, body: { notes: 'All done.' } });
    expect(completed.body.jobStatus).toBe('completed');

    t.clock.advance(GRACE_DAYS * DAY - MINUTE);
    const withinGrace = await viewJob(jobId, header!);
    expect(withinGrace.status).toBe(200);
    expect(withinGrace.body.status).toBe('completed');
    t.clock.advance(2 * MINUTE);
    expect((await viewJob(jobId, header!)).status).toBe(401);
    expect((await redeem(link.token)).status).toBe(401);
  });

  it(`after the job is cancelled the link works for JOB_LINK_GRACE_DAYS (${GRACE_DAYS}) more, then stops`, async () => {
    const jobId = await newJob(t, w);
    const link = await createLink(jobId);
    const cancelled = await call(t.app, 'POST', `/api/jobs/${jobId}/cancel`, { cookie: await staffCookie(t, w, w.dispatcher.id), body: { reason: 'Fixed it ourselves' } });
    expect(cancelled.status).toBe(200);

    t.clock.advance(GRACE_DAYS * DAY - MINUTE);
    const withinGrace = await viewJob(jobId, `arrivo_job=${link.token}`);
    expect(withinGrace.status).toBe(200);
    expect(withinGrace.body.status).toBe('cancelled');
    // A link made during the grace period expires with the job too, not later.
    const late = await createLink(jobId);
    t.clock.advance(2 * MINUTE);
    expect((await viewJob(jobId, `arrivo_job=${link.token}`)).status).toBe(401);
    expect((await redeem(late.token)).status).toBe(401);
  });
});
