import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createWorld, jobLinkCookie, WINDOWS, type World } from '../helpers/world.js';
import { call } from '../helpers/http.js';
import { startMailInbox, type MailInbox, type ReceivedMail } from '../helpers/mail-inbox.js';
import { baseOf, openStream, type OpenStream } from '../helpers/sse.js';

/** The job link in a mail, if any. */
const jobLinkIn = (mail: ReceivedMail) => mail.text.match(/http:\/\/arrivo\.test\/j\/(j_[A-Za-z0-9_-]+)/)?.[1];

describe('messages between a job’s customer and the company', () => {
  let inbox: MailInbox;
  let t: TestApp;
  let w: World;
  let other: World;
  let base: string;
  const streams: OpenStream[] = [];

  beforeAll(async () => {
    inbox = await startMailInbox();
    // A database of its own on PostgreSQL: the worker then sends only this file's messages.
    t = await createTestApp({ realMailer: true, isolatedDatabase: true, env: { SMTP_URL: inbox.url } });
    w = await createWorld(t);
    other = await createWorld(t, 'other');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = baseOf(t);
  });
  afterAll(async () => {
    for (const stream of streams) stream.close();
    await t.close();
    await inbox.close();
  });

  const worker = () => t.app.services.notificationWorker;
  const dispatcher = () => ({ cookie: w.dispatcher.cookie });
  const newJob = async (world: World = w, contactIds?: string[]) => {
    const created = await call(t.app, 'POST', '/api/jobs', {
      cookie: world.dispatcher.cookie,
      body: { customerId: world.household.customerId, locationId: world.household.locationId, categoryId: world.categoryId, priority: 'normal', description: 'Radiator is cold', ...(contactIds ? { contactIds } : {}) },
    });
    expect(created.status).toBe(201);
    return created.body as { id: string; reference: string };
  };
  const mailsAbout = (reference: string, to: string) => inbox.messages.filter((m) => (m.subject + m.text).includes(reference) && m.envelopeTo.includes(to.toLowerCase()));
  const dispatcherEmail = async () => (await t.db.selectFrom('users').select('email').where('id', '=', w.dispatcher.id).executeTakeFirstOrThrow()).email;

  it("a customer's message reaches every dispatcher by e-mail and in the app, as a message and not as a note", async () => {
    const job = await newJob();
    await worker().drain();
    const link = await jobLinkCookie(t, w, job.id, w.household.contact.id);

    const sent = await call(t.app, 'POST', `/api/portal/jobs/${job.id}/messages`, { cookie: link.cookie, body: { text: '  Could the technician call me 10 minutes before arriving?  ' } });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ text: 'Could the technician call me 10 minutes before arriving?', author: { kind: 'customer', name: 'Ana García' }, mine: true });

    // In the app: the dispatcher's bell, as a customer_message; no customer_note anywhere.
    const bell = await call(t.app, 'GET', '/api/notifications', dispatcher());
    const rung = bell.body.items.filter((n: { jobId: string }) => n.jobId === job.id);
    expect(rung.map((n: { type: string }) => n.type)).toEqual(['customer_message']);
    expect(rung[0].body).toContain('call me 10 minutes');
    const outbox = await t.db.selectFrom('outbox_messages').select(['template', 'recipient_kind', 'channel']).where('job_id', '=', job.id).where('template', 'in', ['customer_note', 'customer_message']).execute();
    expect(outbox).toEqual([{ template: 'customer_message', recipient_kind: 'user', channel: 'email' }]);

    // By e-mail, through the real SMTP server, with a link to the console's job.
    await worker().drain();
    const mails = mailsAbout(job.reference, await dispatcherEmail());
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`New message from Ana García (García household) about ${job.reference}`);
    expect(mails[0]!.text).toContain('Could the technician call me 10 minutes before arriving?');
    expect(mails[0]!.text).toContain(`http://arrivo.test/console/jobs/${job.id}`);

    // The timeline stays the job's steps: a message is not a note.
    const detail = await call(t.app, 'GET', `/api/jobs/${job.id}`, dispatcher());
    expect(detail.body.timeline.map((e: { type: string }) => e.type)).not.toContain('job.note_added');

    // The office sees it in its thread and inbox, unread until opened.
    const thread = await call(t.app, 'GET', `/api/jobs/${job.id}/messages`, dispatcher());
    expect(thread.body).toMatchObject({ unreadCount: 1, items: [{ text: 'Could the technician call me 10 minutes before arriving?', author: { kind: 'customer' }, mine: false }] });
    const before = await call(t.app, 'GET', '/api/messages', dispatcher());
    expect(before.body.items[0]).toMatchObject({ jobId: job.id, reference: job.reference, customerName: 'García household', unreadCount: 1, lastMessage: { author: { kind: 'customer', name: 'Ana García' } } });
    expect(before.body.unreadThreads).toBe(1);
    expect((await call(t.app, 'POST', `/api/jobs/${job.id}/messages/read`, dispatcher())).status).toBe(200);
    const after = await call(t.app, 'GET', '/api/messages?unread=true', dispatcher());
    expect(after.body).toMatchObject({ items: [], unreadThreads: 0 });
  });

  it("a reply reaches the job's contacts through their channels, with a link that opens the job and its thread", async () => {
    const job = await newJob();
    await call(t.app, 'POST', `/api/portal/jobs/${job.id}/messages`, { cookie: w.household.contact.cookie, body: { text: 'Is Thursday possible?' } });
    await worker().drain();

    const reply = await call(t.app, 'POST', `/api/jobs/${job.id}/messages`, { ...dispatcher(), body: { text: 'Yes: Thursday morning works, we will confirm the time tomorrow.' } });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ author: { kind: 'staff', name: 'Dana Dispatcher' }, mine: true });
    // Answering empties the office's waiting group.
    expect((await call(t.app, 'GET', '/api/messages?unread=true', dispatcher())).body.items.map((i: { jobId: string }) => i.jobId)).not.toContain(job.id);

    const planned = await t.db.selectFrom('outbox_messages').select(['recipient_kind', 'channel']).where('job_id', '=', job.id).where('template', '=', 'staff_message').execute();
    // The household contact has an e-mail address and a phone.
    expect(planned.map((p) => `${p.recipient_kind}:${p.channel}`).sort()).toEqual(['contact:email', 'contact:sms']);
    await worker().drain();
    const mails = mailsAbout(job.reference, w.household.contact.email).filter((m) => m.subject.startsWith('New message from'));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain('Yes: Thursday morning works, we will confirm the time tomorrow.');

    // The link opens the job for someone who is not signed in, and its thread with the reply.
    const token = jobLinkIn(mails[0]!);
    expect(token).toBeDefined();
    const redeemed = await call(t.app, 'POST', '/api/portal/job-links/redeem', { body: { token } });
    expect(redeemed.body.jobId).toBe(job.id);
    const thread = await call(t.app, 'GET', `/api/portal/jobs/${job.id}/messages`, { cookie: `arrivo_job=${token}` });
    expect(thread.status).toBe(200);
    expect(thread.body.items.map((m: { author: { kind: string }; mine: boolean }) => `${m.author.kind}:${m.mine}`)).toEqual(['customer:true', 'staff:false']);

    // The signed-in contact also finds it in their notification centre.
    const centre = await call(t.app, 'GET', '/api/portal/notifications', { cookie: w.household.contact.cookie });
    expect(centre.body.items.some((n: { jobId: string; type: string }) => n.jobId === job.id && n.type === 'staff_message')).toBe(true);
  });

  it('counts every customer message until the office opens the conversation, and lists waiting conversations first', async () => {
    const older = await newJob();
    const newer = await newJob();
    for (const text of ['First question', 'Second question', 'Third question']) {
      expect((await call(t.app, 'POST', `/api/portal/jobs/${older.id}/messages`, { cookie: w.household.contact.cookie, body: { text } })).status).toBe(201);
    }
    await call(t.app, 'POST', `/api/jobs/${newer.id}/messages`, { ...dispatcher(), body: { text: 'We will need access to the attic.' } });
    const inbox = await call(t.app, 'GET', '/api/messages', dispatcher());
    const ours = inbox.body.items.filter((i: { jobId: string }) => i.jobId === older.id || i.jobId === newer.id);
    // The waiting one comes first although the other is more recent.
    expect(ours.map((i: { jobId: string; unreadCount: number; messageCount: number }) => [i.jobId, i.unreadCount, i.messageCount])).toEqual([
      [older.id, 3, 3],
      [newer.id, 0, 1],
    ]);
    expect(ours[0].lastMessage.text).toBe('Third question');
    expect((await call(t.app, 'GET', `/api/jobs/${older.id}/messages`, dispatcher())).body.unreadCount).toBe(3);
    // A technician reading it does not clear the office's inbox; the office opening it does.
    expect((await call(t.app, 'POST', `/api/jobs/${older.id}/messages/read`, { cookie: w.technician.cookie })).status).toBe(403);
    await call(t.app, 'POST', `/api/jobs/${older.id}/messages/read`, { cookie: w.admin.cookie });
    expect((await call(t.app, 'GET', `/api/jobs/${older.id}/messages`, dispatcher())).body.unreadCount).toBe(0);
  });

  it('refuses an empty or too long message, naming the field', async () => {
    const job = await newJob();
    for (const [url, cookie] of [[`/api/portal/jobs/${job.id}/messages`, w.household.contact.cookie], [`/api/jobs/${job.id}/messages`, w.dispatcher.cookie]] as const) {
      for (const text of ['', '   \n ', 'x'.repeat(4001)]) {
        const answer = await call(t.app, 'POST', url, { cookie, body: { text } });
        expect(answer.status, `${url} ${text.length}`).toBe(400);
        expect(answer.body.error.details.fields[0].field).toBe('text');
      }
      expect((await call(t.app, 'POST', url, { cookie, body: {} })).body.error.details.fields[0].field).toBe('text');
    }
    expect((await call(t.app, 'GET', `/api/jobs/${job.id}/messages`, dispatcher())).body.items).toEqual([]);
  });

  it("keeps each thread to its job's customer and company: anyone else gets 404", async () => {
    const job = await newJob();
    await call(t.app, 'POST', `/api/portal/jobs/${job.id}/messages`, { cookie: w.household.contact.cookie, body: { text: 'Private: the key is under the mat.' } });
    const siblingLink = await jobLinkCookie(t, w, (await newJob()).id, w.household.contact.id);
    const strangers = [
      ['another customer of the company', w.organisation.member.cookie],
      ['an organisation admin of another customer', w.organisation.admin.cookie],
      ['a job link to another job', siblingLink.cookie],
      ['a customer of another company', other.household.contact.cookie],
    ] as const;
    for (const [name, cookie] of strangers) {
      expect((await call(t.app, 'GET', `/api/portal/jobs/${job.id}/messages`, { cookie })).status, name).toBe(404);
      expect((await call(t.app, 'POST', `/api/portal/jobs/${job.id}/messages`, { cookie, body: { text: 'Hello' } })).status, name).toBe(404);
    }
    for (const cookie of [other.dispatcher.cookie, other.admin.cookie]) {
      expect((await call(t.app, 'GET', `/api/jobs/${job.id}/messages`, { cookie })).status).toBe(404);
      expect((await call(t.app, 'POST', `/api/jobs/${job.id}/messages`, { cookie, body: { text: 'Hello' } })).status).toBe(404);
      expect((await call(t.app, 'POST', `/api/jobs/${job.id}/messages/read`, { cookie })).status).toBe(404);
      expect((await call(t.app, 'GET', '/api/messages', { cookie })).body.items.map((i: { jobId: string }) => i.jobId)).not.toContain(job.id);
    }
    // Technicians only talk on jobs whose current visit is theirs.
    expect((await call(t.app, 'GET', `/api/jobs/${job.id}/messages`, { cookie: w.technician.cookie })).status).toBe(404);
    const scheduled = await call(t.app, 'POST', `/api/jobs/${job.id}/schedule`, { ...dispatcher(), body: { technicianId: w.technician.id, ...WINDOWS.tomorrowMorning } });
    expect(scheduled.status).toBe(200);
    const mine = await call(t.app, 'GET', `/api/jobs/${job.id}/messages`, { cookie: w.technician.cookie });
    expect(mine.status).toBe(200);
    expect(mine.body.items[0].text).toBe('Private: the key is under the mat.');
    const answered = await call(t.app, 'POST', `/api/jobs/${job.id}/messages`, { cookie: w.technician.cookie, body: { text: 'Thanks, I will find it.' } });
    expect(answered.body.author).toEqual({ kind: 'staff', name: 'Alex Fixer' });
    expect((await call(t.app, 'GET', `/api/jobs/${job.id}/messages`, { cookie: w.otherTechnician.cookie })).status).toBe(404);
  });

  it('delivers new messages live to the job page and to the console, without the text', async () => {
    const job = await newJob();
    const link = await jobLinkCookie(t, w, job.id, w.household.contact.id);
    const customer = await openStream(base, `/api/portal/jobs/${job.id}/events`, { cookie: link.cookie });
    const console = await openStream(base, '/api/events', { cookie: w.dispatcher.cookie });
    const stranger = await openStream(base, '/api/events', { cookie: other.dispatcher.cookie });
    streams.push(customer, console, stranger);
    expect([customer.status, console.status, stranger.status]).toEqual([200, 200, 200]);

    await call(t.app, 'POST', `/api/portal/jobs/${job.id}/messages`, { cookie: link.cookie, body: { text: 'Secret gate code 1234' } });
    const seen = await console.waitFor((m) => m.event === 'job' && m.data.type === 'job.customer_message' && m.data.jobId === job.id);
    expect(JSON.stringify(seen.data)).not.toContain('1234');
    // The dispatcher's bell rings on the same stream.
    await console.waitFor((m) => m.event === 'notification' && m.data.type === 'customer_message' && m.data.jobId === job.id);

    await call(t.app, 'POST', `/api/jobs/${job.id}/messages`, { ...dispatcher(), body: { text: 'Noted, thank you.' } });
    await customer.waitFor((m) => m.event === 'job' && m.data.type === 'job.staff_message');
    expect(customer.events().some((m) => m.data.type === 'job.customer_message')).toBe(true);
    // Another company's console hears nothing of it.
    await console.waitFor((m) => m.event === 'job' && m.data.type === 'job.staff_message' && m.data.jobId === job.id);
    expect(stranger.events().filter((m) => m.data.jobId === job.id)).toEqual([]);
  });
});
