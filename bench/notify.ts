/**
 * `npm run bench -- notify`: how fast Arrivo empties a backlog of 10,000 e-mails into a mail server
 * on loopback, on SQLite and on PostgreSQL — one worker in this process, then two worker processes
 * side by side — next to a bare nodemailer transport with the same pool sending the same 10,000
 * messages pre-rendered, so the figures read as "how much of what SMTP on this machine allows
 * Arrivo's outbox keeps" rather than as numbers that only mean something here. The bare transport
 * runs twice: as Arrivo's mailer configures it, and with TCP_NODELAY on its sockets, which shows
 * how much of the time both spend waiting on Nagle's algorithm rather than working.
 *
 * The backlog is planned by Arrivo itself: 2,500 portal requests through the services, each
 * planning four e-mails in its own transaction (see seed-notify.ts). The mail server runs in its
 * own process and counts Message-IDs, so a message sent twice shows.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import nodemailer from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import pg from 'pg';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { createDb, type DatabaseHandle } from '../src/server/db/create-db.js';
import { newSecretToken } from '../src/server/lib/tokens.js';
import type { MailMessage } from '../src/server/modules/notifications/mailer.js';
import type { PlannedVariables } from '../src/server/modules/notifications/notification-planner.js';
import { SEND_CONCURRENCY } from '../src/server/modules/notifications/notification-worker.js';
import type { TemplateKey } from '../src/server/modules/notifications/templates/template-catalog.js';
import { renderMessage } from '../src/server/modules/notifications/templates/template-renderer.js';
import { createBenchDatabase, formatNumber, machineInfo, postgresReachable, POSTGRES_SERVER_URL, round, table, writeResults, type BenchDatabase, type Benchmark, type DatabaseKind } from './common.js';
import type { MailStats, SmtpChildMessage, SmtpParentMessage } from './notify-smtp.js';
import type { WorkerChildMessage, WorkerParentMessage } from './notify-worker.js';
import { seedNotifyBacklog, type NotifyBacklog } from './seed-notify.js';

const PARAMETERS = {
  requests: 2_500,
  customers: 250,
  /** Each request: an acknowledgement to the customer and one e-mail to each of the 3 dispatchers. */
  emailsPerRequest: 4,
  backlog: 10_000,
  workerProcesses: Number(process.env.BENCH_NOTIFY_WORKERS || 2),
  sendConcurrencyPerWorker: SEND_CONCURRENCY,
  smtpPool: { pool: true, maxConnections: 10 },
  publicUrl: 'https://service.lonestar.example',
};

const SMTP_CHILD = new URL('./notify-smtp.ts', import.meta.url);
const WORKER_CHILD = new URL('./notify-worker.ts', import.meta.url);

const log = (message: string) => process.stderr.write(`  · ${message}\n`);

// ------------------------------------------------------------------ child processes

interface Child<In, Out extends { type: string }> {
  /** Sends a message and waits for the child's answer of type `reply`. */
  request<T extends Out['type']>(message: In, reply: T): Promise<Extract<Out, { type: T }>>;
  stop(): Promise<void>;
}

/** Forks a TypeScript file with this process's tsx loader and waits until it says "ready". */
function startChild<In, Out extends { type: string }>(file: URL, env: Record<string, string>): Promise<{ child: Child<In, Out>; ready: Extract<Out, { type: 'ready' }> }> {
  const child: ChildProcess = fork(fileURLToPath(file), [], { execArgv: process.execArgv, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = new Map<string, { resolve: (message: Out) => void; reject: (error: Error) => void }>();
  const failAll = (error: Error) => {
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };
  child.on('exit', (code) => failAll(new Error(`${fileURLToPath(file)} exited with ${code}`)));
  child.on('message', (message: Out & { error?: string }) => {
    if (message.type === 'failed') return failAll(new Error(message.error));
    const w = waiting.get(message.type);
    waiting.delete(message.type);
    w?.resolve(message);
  });
  const request = <T extends Out['type']>(message: In | undefined, reply: T) =>
    new Promise<Extract<Out, { type: T }>>((resolve, reject) => {
      waiting.set(reply, { resolve: resolve as (m: Out) => void, reject });
      if (message !== undefined) child.send(message as never);
    });
  const handle: Child<In, Out> = {
    request: (message, reply) => request(message, reply),
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          done();
        });
        child.send({ type: 'stop' } as never);
      }),
  };
  return request(undefined, 'ready').then((ready) => ({ child: handle, ready }));
}

type SmtpChild = Child<SmtpParentMessage, SmtpChildMessage>;

// ------------------------------------------------------------------ measuring

/**
 * CPU seconds used so far by each PostgreSQL process on this machine (Linux /proc; empty when
 * PostgreSQL runs elsewhere). Tick-based, so good to a few hundredths of a second per process.
 */
function postgresCpuByProcess(): Map<number, number> {
  const used = new Map<number, number>();
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return used;
  }
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
      const fields = stat.slice(close + 2).split(' ');
      // Fields 14 and 15 of /proc/<pid>/stat (utime, stime), in clock ticks of 1/100 s.
      used.set(Number(pid), (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // The process ended meanwhile.
    }
  }
  return used;
}

function postgresCpuSince(before: Map<number, number>): number {
  let total = 0;
  for (const [pid, seconds] of postgresCpuByProcess()) total += seconds - (before.get(pid) ?? 0);
  return total;
}

interface RunFigures {
  configuration: string;
  workers: number;
  delivered: number;
  seconds: number;
  messagesPerSecond: number;
  /** Message-IDs received more than once (must be 0), extra copies, and expected ones never received. */
  duplicates: number;
  extraCopies: number;
  missing: number;
  /** Arrivo ÷ bare nodemailer, pooled, Nagle on, and ÷ the same with TCP_NODELAY (messages per second). */
  ratioToBaseline?: number;
  ratioToNoDelayBaseline?: number;
  /** What the outbox rows say afterwards (Arrivo runs only). */
  outbox?: Record<string, number>;
  /** Messages each worker took. */
  perWorker?: number[];
  /** CPU seconds during the run: the sending process(es), the mail server, PostgreSQL's processes (when measured on PostgreSQL). */
  cpuSeconds: { sender: number; mailServer: number; postgres: number | null };
}

async function timed<T>(smtp: SmtpChild, expected: string[], onPostgres: boolean, work: () => Promise<{ senderCpuSeconds: number; detail?: T }>) {
  await smtp.request({ type: 'reset' }, 'reset');
  const postgresBefore = onPostgres ? postgresCpuByProcess() : undefined;
  const started = performance.now();
  const { senderCpuSeconds, detail } = await work();
  const seconds = (performance.now() - started) / 1000;
  const postgres = postgresBefore && postgresBefore.size > 0 ? round(postgresCpuSince(postgresBefore), 1) : null;
  const { stats } = await smtp.request({ type: 'stats', expected }, 'stats');
  return { seconds, stats, detail, cpu: { sender: round(senderCpuSeconds, 1), mailServer: round(stats.cpuSeconds, 1), postgres } };
}

function figuresOf(configuration: string, workers: number, run: { seconds: number; stats: MailStats; cpu: RunFigures['cpuSeconds'] }): RunFigures {
  return {
    configuration,
    workers,
    delivered: run.stats.received,
    seconds: round(run.seconds, 2),
    messagesPerSecond: round(run.stats.received / run.seconds, 1),
    duplicates: run.stats.duplicateIds,
    extraCopies: run.stats.extraCopies,
    missing: run.stats.missing,
    cpuSeconds: run.cpu,
  };
}

const cpuSecondsSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
};

/**
 * The baseline: bare nodemailer sending pre-rendered messages SEND_CONCURRENCY at once over a pool
 * of 10 connections — with Nagle's algorithm on (nodemailer's default), or with TCP_NODELAY on its
 * sockets, which nodemailer does not set: a client that leaves Nagle's algorithm on waits for the
 * server's delayed ACK (40 ms on Linux) on the last segment of each message.
 */
async function sendBare(smtpUrl: string, from: string, messages: MailMessage[], noDelay: boolean): Promise<number> {
  const { hostname, port } = new URL(smtpUrl);
  const pool = { host: hostname, port: Number(port), secure: false, ...PARAMETERS.smtpPool };
  const transport = noDelay
    ? nodemailer.createTransport({
        ...pool,
        getSocket: (_options: unknown, callback: (error: Error | null, socket?: { connection: net.Socket }) => void) => {
          const socket = net.connect({ host: pool.host, port: pool.port, noDelay: true });
          socket.once('connect', () => callback(null, { connection: socket }));
          socket.once('error', (error) => callback(error));
        },
      } as SMTPPool.Options)
    : nodemailer.createTransport(`${smtpUrl}?pool=${PARAMETERS.smtpPool.pool}&maxConnections=${PARAMETERS.smtpPool.maxConnections}`);
  const cpu = process.cpuUsage();
  try {
    let next = 0;
    const lane = async () => {
      while (next < messages.length) await transport.sendMail({ from, ...messages[next++]! });
    };
    await Promise.all(Array.from({ length: SEND_CONCURRENCY }, lane));
    return cpuSecondsSince(cpu);
  } finally {
    transport.close();
  }
}

/**
 * The backlog rendered as the worker renders it (the company's templates in the recipient's
 * language, a fresh job link and unsubscribe link of the real shape), done before any clock starts.
 */
async function prerender(app: FastifyInstance, companyId: string): Promise<MailMessage[]> {
  const db = app.database.db;
  const company = await db.selectFrom('companies').selectAll().where('id', '=', companyId).executeTakeFirstOrThrow();
  const rows = await db.selectFrom('outbox_messages').selectAll().where('company_id', '=', companyId).where('channel', '=', 'email').orderBy('next_attempt_at').execute();
  const contacts = new Map((await db.selectFrom('contacts').select(['id', 'email']).where('company_id', '=', companyId).execute()).map((c) => [c.id, c.email]));
  const users = new Map((await db.selectFrom('users').select(['id', 'email']).where('company_id', '=', companyId).execute()).map((u) => [u.id, u.email]));
  const templates = new Map<string, Awaited<ReturnType<typeof app.services.notificationTemplates.effective>>>();
  const publicUrl = app.config.publicUrl;
  const messages: MailMessage[] = [];
  for (const row of rows) {
    const planned = JSON.parse(row.variables) as PlannedVariables;
    const key = `${row.template}/${planned.locale}`;
    if (!templates.has(key)) templates.set(key, await app.services.notificationTemplates.effective(companyId, row.template as TemplateKey, planned.locale));
    const toContact = row.recipient_kind === 'contact';
    const actionUrl = toContact ? `${publicUrl}/j/${newSecretToken('j_')}` : `${publicUrl}/console/jobs/${row.job_id}`;
    const unsubscribeUrl = toContact ? `${publicUrl}/unsubscribe#token=${newSecretToken('u_')}` : null;
    const rendered = renderMessage({
      template: templates.get(key)!,
      variables: { ...planned.values, link: actionUrl },
      locale: planned.locale,
      branding: { companyName: company.name, brandColor: company.brand_color, logoUrl: company.logo_url, phone: company.phone },
      actionUrl,
      unsubscribeUrl,
    });
    messages.push({
      to: (toContact ? contacts.get(row.recipient_id) : users.get(row.recipient_id))!,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      messageId: `<baseline-${row.id}@arrivo.notifications>`,
      ...(unsubscribeUrl ? { headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>` } } : {}),
    });
  }
  return messages;
}

/** Outbox rows of the backlog by status. */
async function outboxStatuses(db: DatabaseHandle, companyId: string): Promise<Record<string, number>> {
  const rows = await db.db.selectFrom('outbox_messages').select(['status', (eb) => eb.fn.countAll<number>().as('count')]).where('company_id', '=', companyId).where('channel', '=', 'email').groupBy('status').execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.count)]));
}

/** Puts the same backlog back as it was planned: pending, untried, and without the links the last run made. */
async function restoreBacklog(db: DatabaseHandle, companyId: string, since: string) {
  const now = new Date().toISOString();
  await db.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('outbox_messages')
      .set({ status: 'pending', attempts: 0, next_attempt_at: now, locked_by: null, locked_until: null, last_error: null, sent_at: null })
      .where('company_id', '=', companyId)
      .where('channel', '=', 'email')
      .execute();
    await trx.deleteFrom('job_links').where('company_id', '=', companyId).where('created_at', '>=', since).execute();
    await trx.deleteFrom('unsubscribe_tokens').where('company_id', '=', companyId).where('created_at', '>=', since).execute();
  });
}

/** Before each measured run: the database as a long-lived one is (statistics, no write-ahead log to replay). */
async function settle(db: DatabaseHandle) {
  if (db.kind === 'postgres') {
    await sql`vacuum analyze`.execute(db.db);
    await sql`checkpoint`.execute(db.db);
  } else {
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db.db);
  }
}

interface Baselines {
  /** Bare nodemailer with its defaults (Nagle's algorithm on). */
  asArrivo: RunFigures;
  /** The same with TCP_NODELAY on its sockets: what SMTP on this machine allows. */
  noDelay: RunFigures;
  /** The database whose backlog was pre-rendered for them. */
  renderedFrom: DatabaseKind;
}

interface DatabaseFigures {
  database: DatabaseKind;
  seedSeconds: number;
  backlog: Omit<NotifyBacklog, 'outboxIds' | 'companyId'> & { emails: number };
  runs: RunFigures[];
}

interface RunState {
  smtp: SmtpChild;
  smtpUrl: string;
  runLabel: string;
  baselines?: Baselines;
  /** Anything that makes a run's figures wrong (a duplicate, a message missing); reported, then the benchmark fails. */
  problems: string[];
}

function configFor(database: BenchDatabase, smtpUrl: string) {
  return loadConfig(
    { ...process.env, ...database.env, NODE_ENV: 'production', LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0', PUBLIC_URL: PARAMETERS.publicUrl, SMTP_URL: smtpUrl, NOTIFICATION_WORKER: 'false' },
    // Only the seeding's staff accounts hash a password; nobody signs in.
    { passwordHashCost: 2 ** 10 },
  );
}

/** Plans the backlog on a connection of its own, with fast commits while seeding only. */
async function planBacklog(database: BenchDatabase, smtpUrl: string): Promise<NotifyBacklog> {
  const seedDb = createDb(configFor(database, smtpUrl));
  try {
    if (seedDb.kind === 'sqlite') await sql`pragma synchronous = off`.execute(seedDb.db);
    const seedApp = await buildApp(configFor(database, smtpUrl), { database: seedDb });
    try {
      return await seedNotifyBacklog(seedApp, { requests: PARAMETERS.requests, customers: PARAMETERS.customers });
    } finally {
      await seedApp.close();
    }
  } finally {
    await seedDb.destroy();
    if (database.kind === 'postgres') {
      // createBenchDatabase turns synchronous_commit off for seeding; here the commits are the work
      // measured, so they are made durable, as PostgreSQL's default is (for sessions opened from now on).
      const admin = new pg.Client({ connectionString: `${POSTGRES_SERVER_URL}/postgres` });
      await admin.connect();
      try {
        await admin.query(`ALTER DATABASE ${new URL(database.env.DATABASE_URL!).pathname.slice(1)} RESET synchronous_commit`);
      } finally {
        await admin.end();
      }
    }
  }
}

async function measureDatabase(kind: DatabaseKind, state: RunState): Promise<DatabaseFigures> {
  const { smtp, smtpUrl } = state;
  const database = await createBenchDatabase(kind, `notify_${state.runLabel}`);
  try {
    log(`${kind}: planning the backlog — ${formatNumber(PARAMETERS.requests)} portal requests through the services (${database.where})`);
    const seedStarted = performance.now();
    const backlog = await planBacklog(database, smtpUrl);
    const seedSeconds = round((performance.now() - seedStarted) / 1000, 1);
    const emails = backlog.outboxIds.length;
    log(`${kind}: ${formatNumber(emails)} e-mails pending after ${seedSeconds} s (${Object.entries(backlog.byTemplate).map(([t, n]) => `${formatNumber(n)} ${t}`).join(', ')})`);
    if (emails !== PARAMETERS.backlog || backlog.otherRows !== 0) throw new Error(`${kind}: expected ${PARAMETERS.backlog} pending e-mails and nothing else in the outbox, found ${emails} e-mails and ${backlog.otherRows} other rows`);
    const expected = backlog.outboxIds.map((id) => `<${id}@arrivo.notifications>`);
    const onPostgres = kind === 'postgres';

    // The app under measurement: connections of its own, with Arrivo's durability settings.
    const config = configFor(database, smtpUrl);
    const measuredDb = createDb(config);
    const app = await buildApp(config, { database: measuredDb });
    const runs: RunFigures[] = [];
    try {
      if (!state.baselines) {
        const messages = await prerender(app, backlog.companyId);
        const ids = messages.map((m) => m.messageId!);
        log(`bare nodemailer, pooled, Nagle on, ${formatNumber(messages.length)} pre-rendered messages`);
        const asArrivo = figuresOf('bare nodemailer, pre-rendered', 1, await timed(smtp, ids, false, async () => ({ senderCpuSeconds: await sendBare(smtpUrl, config.mailFrom, messages, false) })));
        log('bare nodemailer with TCP_NODELAY');
        const noDelay = figuresOf('bare nodemailer + TCP_NODELAY, as Arrivo sends', 1, await timed(smtp, ids, false, async () => ({ senderCpuSeconds: await sendBare(smtpUrl, config.mailFrom, messages, true) })));
        for (const figures of [asArrivo, noDelay]) {
          if (figures.delivered !== messages.length || figures.duplicates + figures.missing > 0) state.problems.push(`${figures.configuration}: delivered ${figures.delivered}, ${figures.duplicates} duplicates, ${figures.missing} missing`);
        }
        state.baselines = { asArrivo, noDelay, renderedFrom: kind };
      }
      const baselines = state.baselines;
      const record = async (figures: RunFigures) => {
        figures.outbox = await outboxStatuses(measuredDb, backlog.companyId);
        figures.ratioToBaseline = round(figures.messagesPerSecond / baselines.asArrivo.messagesPerSecond, 2);
        figures.ratioToNoDelayBaseline = round(figures.messagesPerSecond / baselines.noDelay.messagesPerSecond, 2);
        if (figures.delivered !== emails || figures.duplicates !== 0 || figures.missing !== 0 || figures.outbox.sent !== emails) {
          state.problems.push(`${kind} ${figures.configuration}: delivered ${figures.delivered} (${figures.duplicates} duplicates, ${figures.missing} missing), outbox ${JSON.stringify(figures.outbox)}`);
        }
        runs.push(figures);
      };

      // ---- one worker, in this process
      await settle(measuredDb);
      const firstRunAt = new Date().toISOString();
      log(`${kind}: Arrivo, one worker in this process`);
      const single = await timed(smtp, expected, onPostgres, async () => {
        const cpu = process.cpuUsage();
        const handled = await app.services.notificationWorker.drain();
        return { senderCpuSeconds: cpuSecondsSince(cpu), detail: [handled] };
      });
      await record({ ...figuresOf('Arrivo, 1 worker (in process)', 1, single), perWorker: single.detail });

      // ---- the same backlog again, shared by worker processes side by side
      await restoreBacklog(measuredDb, backlog.companyId, firstRunAt);
      await settle(measuredDb);
      const count = PARAMETERS.workerProcesses;
      log(`${kind}: Arrivo, ${count} worker processes side by side`);
      const workerEnv = { ...database.env, SMTP_URL: smtpUrl, PUBLIC_URL: PARAMETERS.publicUrl };
      const workers = await Promise.all(Array.from({ length: count }, () => startChild<WorkerParentMessage, WorkerChildMessage>(WORKER_CHILD, workerEnv)));
      try {
        const multi = await timed(smtp, expected, onPostgres, async () => {
          const done = await Promise.all(workers.map((w) => w.child.request({ type: 'go' }, 'done')));
          return { senderCpuSeconds: done.reduce((sum, d) => sum + d.cpuSeconds, 0), detail: done.map((d) => d.handled) };
        });
        await record({ ...figuresOf(`Arrivo, ${count} worker processes`, count, multi), perWorker: multi.detail });
      } finally {
        await Promise.all(workers.map((w) => w.child.stop()));
      }
    } finally {
      await app.close();
      await measuredDb.destroy();
    }
    const { outboxIds: _ids, companyId: _company, ...described } = backlog;
    return { database: kind, seedSeconds, backlog: { ...described, emails }, runs };
  } finally {
    await database.drop();
  }
}

function report(machine: ReturnType<typeof machineInfo>, baselines: Baselines | undefined, results: DatabaseFigures[], skipped: string[], loadBefore: number) {
  const times = (value: number | undefined) => (value === undefined ? '' : `${formatNumber(value)}×`);
  const cpu = (run: RunFigures) => [run.cpuSeconds.sender, run.cpuSeconds.mailServer, run.cpuSeconds.postgres].map((s) => (s === null ? '–' : formatNumber(s))).join(' / ');
  const row = (database: string, run: RunFigures) => [database, run.configuration, run.delivered, run.seconds, run.messagesPerSecond, times(run.ratioToBaseline), times(run.ratioToNoDelayBaseline), run.duplicates, cpu(run)];
  const rows = [...(baselines ? [row('–', baselines.asArrivo), row('–', baselines.noDelay)] : []), ...results.flatMap((r) => r.runs.map((run) => row(r.database, run)))];
  const lines = [
    '',
    `notify — ${machine.cpus} CPU cores (${machine.cpuModel}), ${machine.memoryGb} GB, Node ${machine.node}`,
    `Backlog: ${formatNumber(PARAMETERS.backlog)} pending e-mails planned by ${formatNumber(PARAMETERS.requests)} portal requests through the services (to the customer + 3 dispatchers each); no row inserted by hand.`,
    `Each sender: ${SEND_CONCURRENCY} messages at once over a pooled nodemailer transport (maxConnections ${PARAMETERS.smtpPool.maxConnections}) to smtp-server on 127.0.0.1, in a process of its own.`,
    'SQLite synchronous=FULL and PostgreSQL synchronous_commit=on while measuring, as Arrivo runs; the worker-process run re-sends the same backlog, put back to pending.',
    `Load average (1 min) before the run: ${round(loadBefore)}. CPU s = sending process(es) / mail server / PostgreSQL, during the run.`,
    '',
    table(['database', 'sender', 'delivered', 'seconds', 'msg/s', 'vs bare', 'vs bare+NODELAY', 'duplicates', 'CPU s'], rows),
    ...results.map((r) => `${r.database}: backlog planned in ${r.seedSeconds} s (${Object.entries(r.backlog.byTemplate).map(([t, n]) => `${formatNumber(n)} ${t}`).join(', ')}); messages per worker: ${r.runs.map((x) => x.perWorker!.map(formatNumber).join(' + ')).join('; ')}.`),
    ...skipped.map((s) => `skipped: ${s}`),
    '',
  ];
  console.log(lines.join('\n'));
}

export const notifyBenchmark: Benchmark = {
  name: 'notify',
  description: 'e-mails delivered per second to a loopback SMTP server from a backlog of 10,000, on SQLite and PostgreSQL, vs bare nodemailer',
  async run() {
    const started = performance.now();
    const machine = machineInfo();
    const loadBefore = os.loadavg();
    if (loadBefore[0]! > 0.5 * machine.cpus) log(`the machine is busy (load average ${round(loadBefore[0]!)} on ${machine.cpus} cores): the figures will be lower and noisier`);
    const kinds: DatabaseKind[] = ['sqlite'];
    const skipped: string[] = [];
    if (await postgresReachable()) kinds.push('postgres');
    else skipped.push(`PostgreSQL: nothing answers at ${POSTGRES_SERVER_URL} (set BENCH_POSTGRES_URL)`);

    const { child: smtp, ready } = await startChild<SmtpParentMessage, SmtpChildMessage>(SMTP_CHILD, {});
    const state: RunState = { smtp, smtpUrl: `smtp://127.0.0.1:${ready.port}`, runLabel: String(process.pid), problems: [] };
    const results: DatabaseFigures[] = [];
    try {
      // One database after the other: they share two cores, and each would slow the other.
      for (const kind of kinds) results.push(await measureDatabase(kind, state));
    } finally {
      await smtp.stop();
    }
    report(machine, state.baselines, results, skipped, loadBefore[0]!);
    const file = writeResults('notify', {
      benchmark: 'notify',
      description: notifyBenchmark.description,
      date: new Date().toISOString(),
      machine: { ...machine, loadAverage1mBefore: round(loadBefore[0]!) },
      parameters: {
        ...PARAMETERS,
        backlogSource:
          'all 10,000 rows planned by Arrivo: portal requests submitted through PortalService.submitRequest, each planning an acknowledgement to its customer (job_created) and a request_submitted e-mail to each of the 3 dispatchers; contacts have an e-mail address and no phone, so no SMS; no outbox row inserted directly',
        mailServer: 'smtp-server on 127.0.0.1 (port 0) in a process of its own, disableReverseLookup, no TLS, no auth; keeps only the Message-ID of each message',
        measured:
          'from the start of NotificationWorker.drain() (in this process, or in every worker process at once) until every worker found nothing due; delivered = messages the mail server accepted; duplicates = Message-IDs it saw more than once',
        baseline: `nodemailer ${packageVersion('nodemailer')} pooled transport (pool=true, maxConnections=10) to the same server, ${SEND_CONCURRENCY} sendMail calls at once, the SQLite backlog pre-rendered with the same templates and links of the same shape before the clock starts; once as Arrivo's mailer configures it, once with TCP_NODELAY on its sockets (a getSocket hook), measured once per run`,
        ratio: "Arrivo's messages per second ÷ each baseline's, measured in the same run",
        durability: 'SQLite synchronous=FULL (Arrivo default) and PostgreSQL synchronous_commit=on while measuring; both relaxed only while planning the backlog',
        rerun:
          'the worker-process run re-sends the same backlog: rows put back to pending with attempts 0, the job links and unsubscribe tokens the first run made deleted; VACUUM ANALYZE + CHECKPOINT (PostgreSQL) or a WAL checkpoint (SQLite) before each run',
        cpu: "process.cpuUsage() of the sending process(es) and of the mail server; PostgreSQL's processes from /proc (backends that exit during a run are not counted)",
      },
      totalSeconds: round((performance.now() - started) / 1000, 1),
      results: { baselines: state.baselines, ...Object.fromEntries(results.map((r) => [r.database, r])) },
      skipped,
      problems: state.problems,
    });
    console.log(`Figures written to ${file} (${round((performance.now() - started) / 1000, 1)} s in all).`);
    if (state.problems.length > 0) throw new Error(`notify: the figures are not valid:\n  ${state.problems.join('\n  ')}`);
  },
};

function packageVersion(name: string): string {
  return (createRequire(import.meta.url)(`${name}/package.json`) as { version: string }).version;
}
