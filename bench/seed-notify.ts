/**
 * The backlog the `notify` benchmark delivers: one company with three dispatchers (as the demo
 * company has) and households whose contacts have an e-mail address and no phone, then portal
 * requests submitted through the services. Each request plans, in its own transaction, an
 * acknowledgement to the customer and a "request submitted" e-mail to every dispatcher — four
 * e-mails — so 2,500 requests leave 10,000 pending e-mails in the outbox, all planned by Arrivo.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { CustomerPrincipal } from '../src/server/modules/accounts/principal.js';
import type { Priority } from '../src/server/modules/jobs/jobs.table.js';

export interface NotifyBacklog {
  companyId: string;
  requests: number;
  customers: number;
  dispatchers: number;
  /** The pending e-mails planned, by template, and their ids (each one's Message-ID derives from it). */
  byTemplate: Record<string, number>;
  byLocale: Record<string, number>;
  outboxIds: string[];
  /** Other outbox rows (SMS): none are expected, contacts have no phone. */
  otherRows: number;
}

const DISPATCHER_NAMES = ['Rachel Kim', 'Dwayne Carter', "Megan O'Brien"];
const LANGUAGES = ['en', 'en', 'en', 'es', 'fr'];
const STREETS = ['Oak Street', 'Riverside Drive', 'Maple Avenue', 'Congress Avenue', 'Barton Springs Road', 'Lamar Boulevard', 'Cesar Chavez Street', 'Guadalupe Street'];
const SURNAMES = ['García', 'Nguyen', 'Johnson', 'Okafor', 'Dubois', 'Martínez', 'Schmidt', 'Patel', 'Rossi', 'Kowalski', 'Haddad', 'Lindqvist'];
const REQUESTS = [
  'The furnace makes a loud banging noise when it starts, then the house never gets warm.',
  'Water is dripping from the ceiling under the upstairs bathroom.',
  'The air conditioner runs all day but blows warm air.',
  'Kitchen sink drains very slowly, and the dishwasher backs up into it.',
  'Breaker for the garage trips every time the freezer starts.',
  'No hot water since this morning; the pilot light will not stay lit.',
];
const PRIORITIES: Priority[] = ['normal', 'normal', 'normal', 'high', 'low'];

/** Seeds the company and submits `requests` portal requests; the app's worker must not be running. */
export async function seedNotifyBacklog(app: FastifyInstance, options: { requests: number; customers: number }): Promise<NotifyBacklog> {
  const { services } = app;
  const db = app.database.db;
  const unique = randomUUID().slice(0, 8);
  const { company } = await db.transaction().execute((trx) =>
    services.companies.createCompanyWithAdmin(
      trx,
      { name: 'Lone Star Heating & Plumbing', slug: `lone-star-${unique}`, timezone: 'America/Chicago', phone: '+1 512 555 0100' },
      { name: 'Hank Morales', email: `hank.morales-${unique}@lonestar.example`, passwordHash: null },
    ),
  );
  const companyId = company.id;
  for (const name of DISPATCHER_NAMES) {
    const local = name.toLowerCase().replace(/[^a-z]+/g, '.');
    await services.accounts.createUser(companyId, { email: `${local}-${unique}@lonestar.example`, name, role: 'dispatcher', password: randomUUID() });
  }
  const categoryId = (await services.categories.list(companyId))[0]!.id;

  const households: { customerId: string; contactId: string; name: string; locationId: string }[] = [];
  for (let i = 0; i < options.customers; i++) {
    const surname = SURNAMES[i % SURNAMES.length]!;
    const created = await services.customers.create(companyId, {
      kind: 'household',
      name: `${surname} household ${i + 1}`,
      // E-mail only: with a phone the contact would get an SMS for each step too.
      contacts: [{ name: `Alex ${surname}`, email: `customer-${i + 1}-${unique}@example.com`, phone: null, language: LANGUAGES[i % LANGUAGES.length]! }],
      locations: [{ line1: `${100 + i} ${STREETS[i % STREETS.length]}`, city: 'Austin', postalCode: `787${String(i % 100).padStart(2, '0')}`, country: 'US' }],
    });
    households.push({ customerId: created.id, contactId: created.contacts[0]!.id, name: created.contacts[0]!.name, locationId: created.locations[0]!.id });
  }

  const submit = async (i: number) => {
    const household = households[i % households.length]!;
    const principal: CustomerPrincipal = { role: 'customer_admin', companyId, contactId: household.contactId, customerId: household.customerId, sessionId: 'bench', name: household.name };
    await services.portal.submitRequest(principal, {
      categoryId,
      description: REQUESTS[i % REQUESTS.length]!,
      priority: PRIORITIES[i % PRIORITIES.length]!,
      slaAcknowledged: true,
      location: { locationId: household.locationId },
      preferredWindows: [],
      attachmentIds: [],
    });
  };
  // PostgreSQL serves several connections at once; SQLite has one writer, so more lanes gain nothing.
  const lanes = app.database.kind === 'postgres' ? 8 : 1;
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < options.requests) await submit(next++);
    }),
  );

  const rows = await db.selectFrom('outbox_messages').select(['id', 'channel', 'status', 'template', 'variables']).where('company_id', '=', companyId).execute();
  const emails = rows.filter((r) => r.channel === 'email' && r.status === 'pending');
  const count = (key: (row: (typeof emails)[number]) => string) => emails.reduce<Record<string, number>>((acc, row) => ({ ...acc, [key(row)]: (acc[key(row)] ?? 0) + 1 }), {});
  return {
    companyId,
    requests: options.requests,
    customers: options.customers,
    dispatchers: DISPATCHER_NAMES.length,
    byTemplate: count((r) => r.template),
    byLocale: count((r) => (JSON.parse(r.variables) as { locale: string }).locale),
    outboxIds: emails.map((r) => r.id),
    otherRows: rows.length - emails.length,
  };
}
