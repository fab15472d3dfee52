import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ManualClock } from '../../../src/server/lib/clock.js';
import { hashPassword } from '../../../src/server/lib/passwords.js';
import { startMailInbox, type MailInbox } from '../../helpers/mail-inbox.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';

export const PASSWORD = 'correct horse battery staple';
export const TIME_ZONE = 'America/Chicago';

export interface E2eApp {
  t: TestApp;
  /** http://localhost:<port>, the address the browser uses and links in mail start with. */
  url: string;
  inbox: MailInbox;
  company: { id: string; slug: string; name: string };
  dispatcher: { email: string; name: string };
  technician: { email: string; name: string };
  customer: { email: string; name: string; customerId: string };
  close(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

/**
 * A whole Arrivo listening on loopback for browser tests: the built front ends, the run's database
 * (SQLite or PostgreSQL), a real SMTP server for mail, the notification worker, and a clock that
 * runs with real time. Seeded with one company, its dispatcher and technician, and one household.
 */
export async function startE2eApp(): Promise<E2eApp> {
  const { t, url, inbox } = await startEmptyE2eApp();
  const { services } = t.app;
  const passwordHash = await hashPassword(PASSWORD, t.config.passwordHashCost);
  const { company } = await t.db.transaction().execute((trx) =>
    services.companies.createCompanyWithAdmin(
      trx,
      { name: 'Prairie Heating & Air', slug: 'prairie-heating', timezone: TIME_ZONE, phone: '+1 312 555 0100', brandColor: '#0b7a75' },
      { name: 'Olivia Owner', email: 'owner@prairie.test', passwordHash },
    ),
  );
  const dispatcher = { email: 'dana@prairie.test', name: 'Dana Dispatcher' };
  const technician = { email: 'alex@prairie.test', name: 'Alex Fixer' };
  await services.accounts.createUser(company.id, { ...dispatcher, role: 'dispatcher', password: PASSWORD });
  await services.accounts.createUser(company.id, { ...technician, role: 'technician', password: PASSWORD });
  const customer = { email: 'ana.garcia@example.test', name: 'Ana García' };
  const household = await services.customers.create(company.id, {
    kind: 'household',
    name: 'García household',
    contacts: [{ name: customer.name, email: customer.email, phone: '+1 312 555 0101' }],
    locations: [{ label: 'Home', line1: '1200 W Fulton Market', city: 'Chicago', region: 'IL', postalCode: '60607', country: 'US', lat: 41.8868, lng: -87.6586 }],
  });

  return {
    t,
    url,
    inbox,
    company: { id: company.id, slug: company.slug, name: company.name },
    dispatcher,
    technician,
    customer: { ...customer, customerId: household.id },
    close: () => closeE2eApp(t, inbox),
  };
}

/** An installation with no company yet, as after `npm install && npm start`. */
export async function startEmptyE2eApp(): Promise<{ t: TestApp; url: string; inbox: MailInbox; close(): Promise<void> }> {
  // E2E_WEB_DIR lets two people building at once in one checkout keep their builds apart.
  const webDir = path.resolve(process.env.E2E_WEB_DIR || path.join(import.meta.dirname, '../../../dist/web'));
  if (!fs.existsSync(path.join(webDir, 'portal.html'))) throw new Error(`The front ends are not built (${webDir}); run "npm run test:e2e", which builds them first.`);
  const inbox = await startMailInbox();
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const t = await createTestApp({
    realMailer: true,
    isolatedDatabase: true,
    clock: new ManualClock(new Date(), { running: true }),
    env: { PUBLIC_URL: url, SMTP_URL: inbox.url, WEB_DIR: webDir, NOTIFICATION_POLL_MS: '100' },
  });
  await t.app.listen({ port, host: '127.0.0.1' });
  t.app.services.notificationWorker.start();
  return { t, url, inbox, close: () => closeE2eApp(t, inbox) };
}

async function closeE2eApp(t: TestApp, inbox: MailInbox) {
  await t.app.services.notificationWorker.stop();
  await t.close();
  await inbox.close();
}
