import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createWorld, WINDOWS, type World } from '../helpers/world.js';
import { call } from '../helpers/http.js';
import { startMailInbox, type MailInbox, type ReceivedMail } from '../helpers/mail-inbox.js';
import { MAX_ATTEMPTS } from '../../src/server/modules/notifications/notification-worker.js';

/** The job link in a mail, if any. */
const jobLinkIn = (mail: ReceivedMail) => mail.text.match(/http:\/\/arrivo\.test\/j\/(j_[A-Za-z0-9_-]+)/)?.[1];

describe('notification delivery by e-mail, through the outbox, to a real SMTP server', () => {
  let inbox: MailInbox;
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    inbox = await startMailInbox();
    // Its worker sends whatever the outbox holds: on PostgreSQL, a database of its own keeps other
    // test files' messages (and their look-alike references) out of this inbox.
    t = await createTestApp({ realMailer: true, isolatedDatabase: true, env: { SMTP_URL: inbox.url } });
    w = await createWorld(t);
  });
  afterAll(async () => {
    await t.close();
    await inbox.close();
  });
  afterEach(() => {
    inbox.down = false;
  });

  const worker = () => t.app.services.notificationWorker;
  const customer = () => ({ cookie: w.household.contact.cookie });
  const dispatcher = () => ({ cookie: w.dispatcher.cookie });
  const submit = async (overrides: Record<string, unknown> = {}) => {
    const answer = await call(t.app, 'POST', '/api/portal/requests', {
      ...customer(),
      body: { categoryId: w.categoryId, description: 'No hot water since this morning', priority: 'high', slaAcknowledged: true, location: { locationId: w.household.locationId }, ...overrides },
    });
    expect(answer.status).toBe(201);
    return answer.body.job as { id: string; reference: string };
  };
  const mailsAbout = (reference: string, to?: string) => inbox.messages.filter((m) => (m.subject + m.text).includes(reference) && (!to || m.envelopeTo.includes(to.toLowerCase())));
  const outboxOf = (jobId: string) => t.db.selectFrom('outbox_messages').selectAll().where('job_id', '=', jobId).orderBy('created_at').execute();

  it('each step reaches the contacts on the job with a link that opens the job page, and dispatchers hear of the request', async () => {
    const job = await submit();
    // Nothing is sent before the worker runs: the messages wait in the outbox, committed with the job.
    // E-mail and SMS to the customer (who has a phone), e-mail to the dispatcher.
    const planned = await outboxOf(job.id);
    expect(planned.map((m) => `${m.recipient_kind}:${m.channel}:${m.status}`).sort()).toEqual(['contact:email:pending', 'contact:sms:pending', 'user:email:pending']);
    await worker().drain();

    const acknowledged = mailsAbout(job.reference, w.household.contact.email);
    expect(acknowledged).toHaveLength(1);
    expect(acknowledged[0]!.html).toContain('http://arrivo.test/j/');
    expect(acknowledged[0]!.headers['message-id']).toMatch(/@arrivo\.notifications>$/);
    expect(acknowledged[0]!.headers['list-unsubscribe']).toMatch(/^<http:\/\/arrivo\.test\/unsubscribe#token=u_/);
    const token = jobLinkIn(acknowledged[0]!);
    expect(token).toBeDefined();
    const redeemed = await call(t.app, 'POST', '/api/portal/job-links/redeem', { body: { token } });
    expect(redeemed.body.jobId).toBe(job.id);
    const page = await call(t.app, 'GET', `/api/portal/jobs/${job.id}`, { cookie: `arrivo_job=${token}` });
    expect(page.status).toBe(200);

    const dispatchers = await t.db.selectFrom('users').select('email').where('company_id', '=', w.companyId).where('role', '=', 'dispatcher').execute();
    for (const d of dispatchers) expect(mailsAbout(job.reference, d.email)).toHaveLength(1);

    // The dispatcher schedules; the technician sets out, starts, pauses; the dispatcher cancels.
    await call(t.app, 'POST', `/api/jobs/${job.id}/schedule`, { ...dispatcher(), body: { technicianId: w.technician.id, ...WINDOWS.tomorrowMorning } });
    await worker().drain();
    const scheduled = mailsAbout(job.reference, w.household.contact.email).at(-1)!;
    // The window in the company's time zone (America/Chicago): 14:00Z is 8:00 AM.
    expect(scheduled.text).toMatch(/8:00/);
    expect(jobLinkIn(scheduled)).toBeDefined();

    const day = await call(t.app, 'GET', '/api/technician/appointments?date=2026-01-14', { cookie: w.technician.cookie });
    const visit = day.body.items.find((a: { jobId: string }) => a.jobId === job.id);
    t.clock.set('2026-01-14T13:40:00.000Z');
    await call(t.app, 'POST', `/api/technician/appointments/${visit.id}/on-my-way`, { cookie: w.technician.cookie });
    await worker().drain();
    expect(mailsAbout(job.reference, w.household.contact.email).at(-1)!.text).toContain('Alex Fixer');
    await call(t.app, 'POST', `/api/technician/appointments/${visit.id}/start`, { cookie: w.technician.cookie });
    await call(t.app, 'POST', `/api/technician/appointments/${visit.id}/pause`, { cookie: w.technician.cookie, body: { message: 'Waiting for a pump from the depot.' } });
    await worker().drain();
    expect(mailsAbout(job.reference, w.household.contact.email).at(-1)!.text).toContain('Waiting for a pump from the depot.');

    // Every planned message went out exactly once; draining again sends nothing.
    const before = inbox.messages.length;
    expect(await worker().drain()).toBe(0);
    expect(inbox.messages.length).toBe(before);
    const rows = await outboxOf(job.id);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    expect(new Set(rows.map((r) => `${r.event_key}/${r.recipient_id}/${r.channel}`)).size).toBe(rows.length);
    // Customers also find it in their notification centre.
    const centre = await call(t.app, 'GET', '/api/portal/notifications', customer());
    expect(centre.body.items.filter((n: { jobId: string }) => n.jobId === job.id).length).toBeGreaterThanOrEqual(4);
  });

  it('a job with notifications off sends nothing and makes no link; several contacts on a job each receive', async () => {
    t.clock.set('2026-01-13T09:00:00.000Z');
    const created = await call(t.app, 'POST', '/api/jobs', {
      ...dispatcher(),
      body: { customerId: w.organisation.customerId, locationId: w.organisation.locationIds[0], categoryId: w.categoryId, priority: 'normal', description: 'Quiet job', notificationsEnabled: false, contactIds: [w.organisation.member.id] },
    });
    const linksBefore = await t.db.selectFrom('job_links').select('id').where('job_id', '=', created.body.id).execute();
    await call(t.app, 'POST', `/api/jobs/${created.body.id}/schedule`, { ...dispatcher(), body: { technicianId: w.technician.id, ...WINDOWS.friday } });
    await worker().drain();
    expect(mailsAbout(created.body.reference)).toHaveLength(0);
    expect(await t.db.selectFrom('job_links').select('id').where('job_id', '=', created.body.id).execute()).toEqual(linksBefore);

    const shared = await call(t.app, 'POST', '/api/jobs', {
      ...dispatcher(),
      body: { customerId: w.organisation.customerId, locationId: w.organisation.locationIds[1], categoryId: w.categoryId, priority: 'normal', description: 'Shared job', contactIds: [w.organisation.member.id, w.organisation.admin.id] },
    });
    await worker().drain();
    expect(mailsAbout(shared.body.reference, w.organisation.member.email)).toHaveLength(1);
    expect(mailsAbout(shared.body.reference, w.organisation.admin.email)).toHaveLength(1);
    expect(mailsAbout(shared.body.reference, w.organisation.otherMember.email)).toHaveLength(0);
    // Each recipient's link is their own.
    expect(jobLinkIn(mailsAbout(shared.body.reference, w.organisation.member.email)[0]!)).not.toBe(jobLinkIn(mailsAbout(shared.body.reference, w.organisation.admin.email)[0]!));
  });

  it('mail server down for a while: retried with backoff, delivered once after it returns', async () => {
    t.clock.set('2026-01-13T10:00:00.000Z');
    inbox.down = true;
    const job = await submit({ description: 'Delivered later' });
    await worker().drain();
    let [message] = (await outboxOf(job.id)).filter((m) => m.recipient_id === w.household.contact.id && m.channel === 'email');
    expect(message).toMatchObject({ status: 'pending', attempts: 1 });
    expect(message!.last_error).toMatch(/451|try again/i);
    const firstRetry = new Date(message!.next_attempt_at).getTime() - new Date('2026-01-13T10:00:00.000Z').getTime();
    expect(firstRetry).toBeGreaterThanOrEqual(24_000);
    expect(firstRetry).toBeLessThanOrEqual(36_000);

    // Not due yet: nothing is tried.
    await worker().drain();
    [message] = (await outboxOf(job.id)).filter((m) => m.recipient_id === w.household.contact.id && m.channel === 'email');
    expect(message!.attempts).toBe(1);

    // Still down at the next try; the wait grows.
    t.clock.set(message!.next_attempt_at);
    await worker().drain();
    [message] = (await outboxOf(job.id)).filter((m) => m.recipient_id === w.household.contact.id && m.channel === 'email');
    expect(message!.attempts).toBe(2);
    expect(new Date(message!.next_attempt_at).getTime() - t.clock.now().getTime()).toBeGreaterThanOrEqual(48_000);

    inbox.down = false;
    t.clock.set(message!.next_attempt_at);
    await worker().drain();
    expect(mailsAbout(job.reference, w.household.contact.email)).toHaveLength(1);
    [message] = (await outboxOf(job.id)).filter((m) => m.recipient_id === w.household.contact.id && m.channel === 'email');
    expect(message).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it(`parks a message after ${MAX_ATTEMPTS} failed tries; an admin sees it and sends it again`, async () => {
    t.clock.set('2026-01-13T11:00:00.000Z');
    inbox.down = true;
    const job = await submit({ description: 'Parked then retried' });
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await worker().drain();
      const [m] = (await outboxOf(job.id)).filter((r) => r.recipient_id === w.household.contact.id && r.channel === 'email');
      if (m!.status === 'parked') break;
      t.clock.set(m!.next_attempt_at);
    }
    const [parked] = (await outboxOf(job.id)).filter((r) => r.recipient_id === w.household.contact.id && r.channel === 'email');
    expect(parked).toMatchObject({ status: 'parked', attempts: MAX_ATTEMPTS });

    const listed = await call(t.app, 'GET', '/api/notification-outbox?status=parked', { cookie: w.admin.cookie });
    expect(listed.status).toBe(200);
    expect(listed.body.counts.parked).toBeGreaterThanOrEqual(1);
    expect(listed.body.items.find((i: { id: string }) => i.id === parked!.id)).toMatchObject({ recipient: { name: 'Ana García' }, channel: 'email', lastError: expect.stringMatching(/451|try again/i) });
    expect((await call(t.app, 'GET', '/api/notification-outbox', { cookie: w.dispatcher.cookie })).status).toBe(403);

    inbox.down = false;
    expect((await call(t.app, 'POST', `/api/notification-outbox/${parked!.id}/retry`, { cookie: w.admin.cookie })).status).toBe(200);
    await worker().drain();
    expect(mailsAbout(job.reference, w.household.contact.email)).toHaveLength(1);
    expect((await call(t.app, 'POST', `/api/notification-outbox/${parked!.id}/retry`, { cookie: w.admin.cookie })).status).toBe(404);
  });

  it('quiet hours hold e-mail until they end; unsubscribing stops e-mail but not the notification centre', async () => {
    // 03:00 in Chicago.
    t.clock.set('2026-01-13T09:00:00.000Z');
    const prefs = await call(t.app, 'PATCH', '/api/portal/preferences', { ...customer(), body: { quietHours: { start: '21:00', end: '08:00' } } });
    expect(prefs.body.quietHours).toEqual({ start: '21:00', end: '08:00' });
    const job = await submit({ description: 'At night' });
    await worker().drain();
    expect(mailsAbout(job.reference, w.household.contact.email)).toHaveLength(0);
    const [held] = (await outboxOf(job.id)).filter((r) => r.recipient_id === w.household.contact.id && r.channel === 'email');
    // 08:00 Chicago is 14:00 UTC.
    expect(held).toMatchObject({ status: 'pending', attempts: 0, next_attempt_at: '2026-01-13T14:00:00.000Z' });
    t.clock.set('2026-01-13T14:00:30.000Z');
    await worker().drain();
    expect(mailsAbout(job.reference, w.household.contact.email)).toHaveLength(1);
    await call(t.app, 'PATCH', '/api/portal/preferences', { ...customer(), body: { quietHours: null } });

    // The unsubscribe link of that mail.
    const mail = mailsAbout(job.reference, w.household.contact.email)[0]!;
    const unsubscribeToken = mail.text.match(/unsubscribe#token=(u_[A-Za-z0-9_-]+)/)?.[1];
    expect(unsubscribeToken).toBeDefined();
    const done = await call(t.app, 'POST', '/api/notifications/unsubscribe', { body: { token: unsubscribeToken } });
    expect(done.status).toBe(200);
    expect((await call(t.app, 'GET', '/api/portal/preferences', customer())).body).toMatchObject({ email: false, emailUnsubscribed: true });

    const next = await submit({ description: 'After unsubscribing' });
    await worker().drain();
    expect(mailsAbout(next.reference, w.household.contact.email)).toHaveLength(0);
    const centre = await call(t.app, 'GET', '/api/portal/notifications', customer());
    expect(centre.body.items.some((n: { jobId: string }) => n.jobId === next.id)).toBe(true);

    // Turning e-mail back on in the portal lifts it.
    await call(t.app, 'PATCH', '/api/portal/preferences', { ...customer(), body: { email: true } });
    const again = await submit({ description: 'Back on' });
    await worker().drain();
    expect(mailsAbout(again.reference, w.household.contact.email)).toHaveLength(1);
  });

  it('reminds the day before a visit, once', async () => {
    t.clock.set('2026-01-13T09:00:00.000Z');
    const job = await submit({ description: 'Reminder please' });
    await call(t.app, 'POST', `/api/jobs/${job.id}/schedule`, { ...dispatcher(), body: { technicianId: w.otherTechnician.id, ...WINDOWS.friday } });
    await worker().drain();
    const before = mailsAbout(job.reference, w.household.contact.email).length;
    // Friday 15:00Z; a day before is Thursday 15:00Z.
    t.clock.set('2026-01-15T16:00:00.000Z');
    await worker().drain();
    await worker().drain();
    const after = mailsAbout(job.reference, w.household.contact.email);
    expect(after.length).toBe(before + 1);
    expect((await outboxOf(job.id)).filter((r) => r.template === 'appointment_reminder' && r.channel === 'email')).toHaveLength(1);
  });

  it('writes to each person in their language: a Spanish-speaking dispatcher and a French-speaking customer', async () => {
    t.clock.set('2026-01-13T15:00:00.000Z');
    expect((await call(t.app, 'PATCH', `/api/users/${w.dispatcher.id}`, { cookie: w.admin.cookie, body: { language: 'es' } })).body.language).toBe('es');
    await call(t.app, 'PATCH', '/api/portal/preferences', { ...customer(), body: { language: 'fr' } });
    const job = await submit({ description: 'Bonjour' });
    await call(t.app, 'POST', `/api/portal/jobs/${job.id}/notes`, { ...customer(), body: { text: 'Le code du portail est 4321.' } });
    await worker().drain();
    const dispatcherEmail = (await t.db.selectFrom('users').select('email').where('id', '=', w.dispatcher.id).executeTakeFirstOrThrow()).email;
    const toDispatcher = mailsAbout(job.reference, dispatcherEmail);
    expect(toDispatcher.map((m) => m.subject)).toContain(`Ana García (García household) ha añadido una nota a ${job.reference}`);
    const toCustomer = mailsAbout(job.reference, w.household.contact.email);
    expect(toCustomer[0]!.subject).toMatch(/[àâçéèêëîïôûùüÿœ]|Votre|votre/);
    const bell = await call(t.app, 'GET', '/api/notifications', { cookie: w.dispatcher.cookie });
    expect(bell.body.items.find((n: { jobId: string; type: string }) => n.jobId === job.id && n.type === 'customer_note').title).toBe(`Ana García (García household) ha añadido una nota a ${job.reference}`);
    await call(t.app, 'PATCH', `/api/users/${w.dispatcher.id}`, { cookie: w.admin.cookie, body: { language: 'en' } });
    await call(t.app, 'PATCH', '/api/portal/preferences', { ...customer(), body: { language: 'en' } });
  });
});
