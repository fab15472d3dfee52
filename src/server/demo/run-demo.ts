/**
 * `npm run demo`: the same server as `npm start`, on a demo database with the Austin company of
 * demo-data.ts, printing how to get in as a customer, a dispatcher and a technician.
 *
 * SQLite: a separate file (DATA_DIR/demo.db, uploads under DATA_DIR/demo/) rebuilt on every run,
 * so the demo never touches the real database. PostgreSQL (DATABASE_URL): seeded once; later runs
 * reuse it and only set new passwords and a new job link.
 */
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { createDb, type DatabaseHandle } from '../db/create-db.js';
import { migrateToLatest } from '../db/migrate.js';
import { closeOnSignals } from '../server.js';
import { ADMIN, COMPANY, DEMO_SLUG, DEMO_STAFF_EMAIL_DOMAIN, DISPATCHERS, TECHNICIANS } from './demo-data.js';
import { PinnableClock } from './demo-clock.js';
import { seedDemo } from './seed-demo.js';
import { startDemoDriving } from './demo-driving.js';

const TEST_CARD = '4242 4242 4242 4242';

interface Seeded {
  seconds: number;
  jobs: number;
  customers: number;
  estimates: number;
  invoices: number;
  plans: number;
  threads: number;
  surveys: number;
}

/** A password for this run only: 4 groups of 4 characters without look-alikes (about 80 bits). */
export function newDemoPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY3468';
  return Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join('')).join('-');
}

function demoConfig(env: NodeJS.ProcessEnv): Config {
  const base = loadConfig(env);
  if (base.database.kind === 'postgres') return base;
  return loadConfig(env, { dataDir: path.join(base.dataDir, 'demo'), database: { kind: 'sqlite', file: path.join(base.dataDir, 'demo.db') } });
}

/** Removes the previous run's demo database and uploads (SQLite only). */
function resetSqliteDemo(config: Config) {
  if (config.database.kind !== 'sqlite') return;
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${config.database.file}${suffix}`, { force: true });
  fs.rmSync(config.dataDir, { recursive: true, force: true });
}

interface SignIns {
  customer: { name: string; email: string; jobLink: string; reference: string; status: string; category: string };
  /** A customer whose job has an estimate waiting for their approval (Repair or Replace). */
  estimate: { name: string; jobLink: string; reference: string; category: string; number: string } | undefined;
  dispatcher: { name: string; email: string };
  technician: { name: string; email: string } | undefined;
  admin: { name: string; email: string };
}

/**
 * The people the banner names: the customer of a job whose technician is on the way (or booked),
 * with a fresh job link; that job's technician; the first dispatcher; the owner.
 */
async function prepareSignIns(app: FastifyInstance, companyId: string, password: string, options: { resetPasswords: boolean }): Promise<SignIns> {
  const { services } = app;
  const open = await services.jobs.list(companyId, { statuses: ['en_route', 'scheduled', 'rescheduled'], limit: 200 });
  const rank = (job: (typeof open.items)[number]) => (job.status === 'en_route' ? 0 : 1) + (job.customer.name.startsWith('Whitaker') ? 0 : 2);
  const chosen = [...open.items].sort((a, b) => rank(a) - rank(b))[0];
  if (!chosen) throw new Error('The demo company has no scheduled job left to open; drop the demo database and run again.');
  const job = await services.jobs.staffView(companyId, chosen.id);
  const contact = job.contacts.find((c) => c.email) ?? job.contacts[0];
  if (!contact?.email) throw new Error(`Demo job ${job.reference} has no contact with an e-mail address.`);
  const link = await services.accounts.createJobLink(companyId, job.id, contact.id);

  const estimate = await estimateToApprove(app, companyId);

  const users = await services.accounts.listUsers(companyId);
  const dispatcher = users.find((u) => u.email === `${DISPATCHERS[0]!.emailLocal}@${DEMO_STAFF_EMAIL_DOMAIN}`) ?? users.find((u) => u.role === 'dispatcher');
  const admin = users.find((u) => u.email === `${ADMIN.emailLocal}@${DEMO_STAFF_EMAIL_DOMAIN}`) ?? users.find((u) => u.role === 'admin');
  const technician = job.appointment?.technician ? users.find((u) => u.id === job.appointment!.technician!.id) : users.find((u) => u.role === 'technician');
  if (!dispatcher || !admin) throw new Error('The demo company has lost its dispatcher or admin; drop the demo database and run again.');
  if (options.resetPasswords) {
    for (const user of [dispatcher, admin, technician]) if (user) await services.accounts.updateUser(companyId, user.id, { password });
  }
  return {
    customer: { name: contact.name, email: contact.email, jobLink: link.url, reference: job.reference, status: job.status, category: job.category.name },
    estimate,
    dispatcher: { name: dispatcher.name, email: dispatcher.email },
    technician: technician && { name: technician.name, email: technician.email },
    admin: { name: admin.name, email: admin.email },
  };
}

/** The shared estimate still waiting for the customer, with a fresh job link for its contact. */
async function estimateToApprove(app: FastifyInstance, companyId: string): Promise<SignIns['estimate']> {
  const { services } = app;
  const waiting = (await services.billing.list(companyId, { kind: 'estimate', status: 'sent' })).find((d) => d.shared);
  if (!waiting) return undefined;
  const job = await services.jobs.staffView(companyId, waiting.jobId);
  const contact = job.contacts.find((c) => c.email) ?? job.contacts[0];
  if (!contact) return undefined;
  const link = await services.accounts.createJobLink(companyId, job.id, contact.id);
  return { name: contact.name, jobLink: link.url, reference: job.reference, category: job.category.name, number: waiting.number };
}

function banner(app: FastifyInstance, signIns: SignIns, password: string, seeded: Seeded | undefined, options: { resetPasswords: boolean }) {
  const { config } = app;
  const url = config.publicUrl;
  const signInUrl = (email: string) => `${url}/sign-in?email=${encodeURIComponent(email)}`;
  const where = config.database.kind === 'sqlite' ? `SQLite at ${path.relative(process.cwd(), config.database.file) || config.database.file}` : 'PostgreSQL (DATABASE_URL)';
  const status = signIns.customer.status === 'en_route' ? 'technician on the way' : signIns.customer.status;
  const mail = config.smtpUrl ? 'it is e-mailed through SMTP_URL' : `with no SMTP_URL set, the e-mail and its link are written to this log and kept at ${url}/dev/mailbox (staff sign-in)`;
  const lines = [
    '',
    `  Arrivo demo: ${COMPANY.name} (${COMPANY.city}, ${COMPANY.region}) on ${where}`,
    seeded
      ? `  Seeded in ${seeded.seconds.toFixed(1)} s: ${DISPATCHERS.length} dispatchers, ${TECHNICIANS.length} technicians, ${seeded.customers} customers, ${seeded.jobs} jobs in every state.`
      : `  The demo company already exists in this database; kept as it is.`,
    ...(seeded
      ? [`  Also ${seeded.estimates} estimates, ${seeded.invoices} invoices (online payment on: test card ${TEST_CARD}), ${seeded.plans} service plans, ${seeded.threads} conversations (1 unread), ${seeded.surveys} survey answers.`]
      : []),
    '',
    `  Customer, by job link (no password): ${signIns.customer.name}, ${signIns.customer.category} ${signIns.customer.reference}, ${status}`,
    `    ${signIns.customer.jobLink}`,
    `  Customer, by e-mail sign-in link: enter ${signIns.customer.email} at`,
    `    ${url}/portal/sign-in?company=${DEMO_SLUG}`,
    `    (${mail})`,
    ...(seeded ? [`    then Billing: an overdue invoice to pay with the test card ${TEST_CARD}`] : []),
    ...(signIns.estimate
      ? [
          `  Customer with an estimate to approve (Repair or Replace), by job link: ${signIns.estimate.name}, ${signIns.estimate.category} ${signIns.estimate.reference}, ${signIns.estimate.number}`,
          `    ${signIns.estimate.jobLink}`,
        ]
      : []),
    '',
    `  Staff sign-in, password for this run: ${password}`,
    `    dispatcher  ${signIns.dispatcher.name.padEnd(16)} ${signIns.dispatcher.email}`,
    `                ${signInUrl(signIns.dispatcher.email)}`,
    ...(signIns.technician
      ? [`    technician  ${signIns.technician.name.padEnd(16)} ${signIns.technician.email}`, `                ${signInUrl(signIns.technician.email)}`]
      : []),
    `    admin       ${signIns.admin.name.padEnd(16)} ${signIns.admin.email}`,
    options.resetPasswords ? '    (new password set on these three accounts for this run)' : '    (every demo staff account uses it)',
    '',
    `  Console: ${url}/console · technician view: ${url}/tech · API reference: ${url}/api/docs`,
    `  In the console: ${url}/console/billing · ${url}/console/plans · ${url}/console/messages · ${url}/console/feedback · ${url}/console/optimise-day`,
    '',
  ];
  console.log(lines.join('\n'));
}

/** Starts the demo: prepares and seeds the database, listens, prints the sign-in details. */
export async function runDemo(env: NodeJS.ProcessEnv = process.env) {
  let config: Config;
  try {
    config = demoConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  resetSqliteDemo(config);
  const database: DatabaseHandle = createDb(config);
  await migrateToLatest(database.db);
  const clock = new PinnableClock();
  const app = await buildApp(config, { database, clock });
  const password = newDemoPassword();

  const existing = await database.db.selectFrom('companies').select('id').where('slug', '=', DEMO_SLUG).executeTakeFirst();
  let companyId = existing?.id;
  let seeded: Seeded | undefined;
  if (!companyId) {
    const started = performance.now();
    try {
      const demo = await seedDemo({ services: app.services, db: database.db, clock }, { now: new Date(), staffPassword: password, passwordHashCost: config.passwordHashCost });
      companyId = demo.company.id;
      const { features } = demo;
      seeded = {
        seconds: (performance.now() - started) / 1000,
        jobs: demo.jobs.length,
        customers: demo.customers.length,
        estimates: Object.keys(features.estimates).length,
        invoices: Object.keys(features.invoices).length,
        plans: features.planIds.length,
        threads: features.threads.answered.length + 1,
        surveys: features.surveyJobIds.length,
      };
    } finally {
      // From here on the server lives in real time.
      clock.release();
    }
  }
  if (seeded) {
    // The seeded past already happened: its e-mails and text messages are history, not mail to
    // send now (with SMTP_URL or SMS_URL set they would go to made-up addresses and numbers).
    await app.services.notifications.discardPending(companyId, 'demo history: never sent');
  }
  const resetPasswords = !seeded;
  const signIns = await prepareSignIns(app, companyId, password, { resetPasswords });

  await app.listen({ host: config.host, port: config.port });
  // As in server.ts.
  if (config.notificationWorker) app.services.notificationWorker.start();
  banner(app, signIns, password, seeded, { resetPasswords });

  // Technicians on the way move towards their customers, so the maps are alive.
  const stopDriving = startDemoDriving(app, companyId);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, stopDriving);
  closeOnSignals(app, database);
  return app;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runDemo().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
