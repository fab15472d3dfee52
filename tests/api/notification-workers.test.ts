import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createWorld, type World } from '../helpers/world.js';
import { call } from '../helpers/http.js';
import { startMailInbox, type MailInbox } from '../helpers/mail-inbox.js';
import { SEND_CONCURRENCY } from '../../src/server/modules/notifications/notification-worker.js';

/**
 * Workers in processes of their own, against the same database: one killed in the middle of a
 * batch and replaced; two running side by side. Nothing is lost and nothing is sent twice.
 */
describe('notification workers in separate processes', () => {
  let inbox: MailInbox;
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    inbox = await startMailInbox();
    // The suite's app never runs its worker; the child processes do.
    t = await createTestApp({ realMailer: true, isolatedDatabase: true, env: { SMTP_URL: inbox.url } });
    w = await createWorld(t);
  });
  afterAll(async () => {
    await t.close();
    await inbox.close();
  });

  const workerEnv = () => ({
    SMTP_URL: inbox.url,
    PUBLIC_URL: 'http://arrivo.test',
    DATA_DIR: t.config.dataDir,
    NOTIFICATION_LOCK_SECONDS: '1',
    LOG_LEVEL: 'silent',
    ...(t.config.database.kind === 'postgres' ? { DATABASE_URL: t.config.database.url } : {}),
  });
  const startWorker = (): { child: ChildProcess; exited: Promise<number | null> } => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/worker-process.ts', JSON.stringify(workerEnv())], { stdio: ['ignore', 'ignore', 'inherit'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, exited };
  };
  /** A backlog of e-mails: one acknowledgement to the customer per request, one to each dispatcher. */
  const makeBacklog = async (requests: number) => {
    for (let i = 0; i < requests; i++) {
      const answer = await call(t.app, 'POST', '/api/portal/requests', {
        cookie: w.household.contact.cookie,
        body: { categoryId: w.categoryId, description: `Backlog ${i}`, priority: 'normal', slaAcknowledged: true, location: { locationId: w.household.locationId } },
      });
      expect(answer.status).toBe(201);
    }
    return t.db.selectFrom('outbox_messages').select(['id', 'status']).where('company_id', '=', w.companyId).where('channel', '=', 'email').where('status', '=', 'pending').execute();
  };
  const messageIdsOf = (ids: string[]) => new Set(ids.map((id) => `<${id}@arrivo.notifications>`));

  it('a worker killed in the middle of a batch: its replacement delivers the rest, nothing lost, nothing sent twice but the one in flight', { timeout: 120_000 }, async () => {
    inbox.messages.length = 0;
    const backlog = await makeBacklog(120);
    expect(backlog.length).toBe(240);

    const first = startWorker();
    await inbox.waitFor(60, undefined, 30_000);
    first.child.kill('SIGKILL');
    await first.exited;
    const deliveredBeforeKill = inbox.messages.length;
    expect(deliveredBeforeKill).toBeLessThan(240);

    const second = startWorker();
    expect(await second.exited).toBe(0);

    const expected = messageIdsOf(backlog.map((m) => m.id));
    const received = inbox.messages.map((m) => m.headers['message-id']!);
    // Every message arrived...
    expect(new Set(received)).toEqual(expected);
    // ...once, except possibly those the killed worker had handed to the server but not yet
    // recorded (at most one per lane it sends on); each repeat carries the same Message-ID.
    expect(received.length - expected.size).toBeLessThanOrEqual(SEND_CONCURRENCY);
    const rows = await t.db.selectFrom('outbox_messages').select(['status']).where('id', 'in', backlog.map((m) => m.id)).execute();
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
  });

  it('two workers side by side share the backlog without sending anything twice', async () => {
    inbox.messages.length = 0;
    const backlog = await makeBacklog(100);
    const workers = [startWorker(), startWorker()];
    expect(await Promise.all(workers.map((x) => x.exited))).toEqual([0, 0]);
    const received = inbox.messages.map((m) => m.headers['message-id']!);
    expect(received.length).toBe(backlog.length);
    expect(new Set(received)).toEqual(messageIdsOf(backlog.map((m) => m.id)));
  });
});
