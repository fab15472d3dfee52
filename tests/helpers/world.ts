import { randomUUID } from 'node:crypto';
import type { TestApp } from './test-app.js';
import { hashPassword } from '../../src/server/lib/passwords.js';

export interface Person {
  id: string;
  cookie: string;
}

export interface World {
  companyId: string;
  slug: string;
  admin: Person;
  dispatcher: Person;
  technician: Person & { name: string };
  otherTechnician: Person & { name: string };
  categoryId: string;
  household: { customerId: string; locationId: string; contact: Person & { email: string } };
  organisation: { customerId: string; locationIds: string[]; admin: Person & { email: string }; member: Person & { email: string }; otherMember: Person & { email: string } };
  partner: { sourceId: string; apiKey: string };
}

export const PASSWORD = 'correct horse battery staple';

/**
 * A company with everyone a test needs, each already signed in (cookies ready): an admin, a
 * dispatcher, two technicians, a household, an organisation with an admin and two members, and a
 * third-party job source with an API key. Built through the services, not the HTTP API, so tests
 * spend their time on what they test.
 */
export async function createWorld(t: TestApp, label = 'acme'): Promise<World> {
  const { services } = t.app;
  const unique = randomUUID().slice(0, 8);
  const slug = `${label}-${unique}`;
  const passwordHash = await hashPassword(PASSWORD, t.config.passwordHashCost);
  const { company, adminId } = await t.db.transaction().execute((trx) =>
    services.companies.createCompanyWithAdmin(trx, { name: `${label} Heating ${unique}`, slug, timezone: 'America/Chicago', phone: '+1 555 0100' }, { name: 'Ada Admin', email: `admin-${unique}@${label}.test`, passwordHash }),
  );
  const companyId = company.id;
  const session = async (kind: 'user' | 'contact', id: string) => `arrivo_session=${(await services.accounts.createSession(companyId, kind, id)).token}`;

  const staff = async (role: 'dispatcher' | 'technician', name: string) => {
    const user = await services.accounts.createUser(companyId, { email: `${role}-${randomUUID().slice(0, 8)}@${label}.test`, name, role, password: PASSWORD });
    return { id: user.id, name, cookie: await session('user', user.id) };
  };
  const dispatcher = await staff('dispatcher', 'Dana Dispatcher');
  const technician = await staff('technician', 'Alex Fixer');
  const otherTechnician = await staff('technician', 'Sam Wrench');

  const categories = await services.categories.list(companyId);
  const categoryId = categories[0]!.id;

  const householdEmail = `home-${unique}@example.test`;
  const household = await services.customers.create(companyId, {
    kind: 'household',
    name: 'García household',
    contacts: [{ name: 'Ana García', email: householdEmail, phone: '+1 555 0101' }],
    locations: [{ line1: '12 Elm Street', city: 'Springfield', postalCode: '62701', country: 'US', lat: 39.7817, lng: -89.6501 }],
  });

  const orgEmails = { admin: `facilities-${unique}@corp.test`, member: `site-a-${unique}@corp.test`, other: `site-b-${unique}@corp.test` };
  const organisation = await services.customers.create(companyId, {
    kind: 'organisation',
    name: 'Corp Offices Ltd',
    contacts: [
      { name: 'Olga Facilities', email: orgEmails.admin, role: 'admin' },
      { name: 'Mia Site A', email: orgEmails.member, role: 'member' },
      { name: 'Ben Site B', email: orgEmails.other, role: 'member' },
    ],
    locations: [
      { label: 'Site A', line1: '1 Main Plaza', city: 'Springfield', postalCode: '62702', country: 'US' },
      { label: 'Site B', line1: '200 River Road', city: 'Springfield', postalCode: '62703', country: 'US' },
    ],
  });

  const partnerSource = await services.sources.create(companyId, { name: 'HomeShield Warranty', hideTechnicianBios: true });
  const partnerKey = await services.sources.createApiKey(companyId, partnerSource.id, 'test');

  const contactByEmail = (email: string) => organisation.contacts.find((c) => c.email === email)!;
  const [orgAdmin, orgMember, orgOther] = [contactByEmail(orgEmails.admin), contactByEmail(orgEmails.member), contactByEmail(orgEmails.other)];
  return {
    companyId,
    slug,
    admin: { id: adminId, cookie: await session('user', adminId) },
    dispatcher,
    technician,
    otherTechnician,
    categoryId,
    household: {
      customerId: household.id,
      locationId: household.locations[0]!.id,
      contact: { id: household.contacts[0]!.id, email: householdEmail, cookie: await session('contact', household.contacts[0]!.id) },
    },
    organisation: {
      customerId: organisation.id,
      locationIds: organisation.locations.map((l) => l.id),
      admin: { id: orgAdmin!.id, email: orgEmails.admin, cookie: await session('contact', orgAdmin!.id) },
      member: { id: orgMember!.id, email: orgEmails.member, cookie: await session('contact', orgMember!.id) },
      otherMember: { id: orgOther!.id, email: orgEmails.other, cookie: await session('contact', orgOther!.id) },
    },
    partner: { sourceId: partnerSource.id, apiKey: partnerKey.key },
  };
}

/** A job link cookie for a contact on a job. */
export async function jobLinkCookie(t: TestApp, world: World, jobId: string, contactId: string) {
  const link = await t.app.services.accounts.createJobLink(world.companyId, jobId, contactId);
  return { cookie: `arrivo_job=${link.token}`, token: link.token, linkId: link.id, url: link.url };
}

/** Window helpers relative to the test clock's "now" (Tue 13 Jan 2026 09:00 UTC). */
export const WINDOWS = {
  tomorrowMorning: { windowStart: '2026-01-14T14:00:00.000Z', windowEnd: '2026-01-14T16:00:00.000Z' },
  tomorrowAfternoon: { windowStart: '2026-01-14T19:00:00.000Z', windowEnd: '2026-01-14T21:00:00.000Z' },
  friday: { windowStart: '2026-01-16T15:00:00.000Z', windowEnd: '2026-01-16T17:00:00.000Z' },
};

/**
 * `count` more households in the world's company, each with one signed-in contact and an address
 * a few hundred metres apart in Springfield: customers racing each other for the same window.
 */
export async function createHouseholds(t: TestApp, world: World, count: number) {
  const { services } = t.app;
  const households: { customerId: string; locationId: string; contactId: string; cookie: string }[] = [];
  for (let i = 0; i < count; i++) {
    const unique = randomUUID().slice(0, 8);
    const household = await services.customers.create(world.companyId, {
      kind: 'household',
      name: `Household ${i + 1}`,
      contacts: [{ name: `Resident ${i + 1}`, email: `resident-${unique}@example.test` }],
      locations: [{ line1: `${i + 1} Oak Avenue`, city: 'Springfield', postalCode: '62701', country: 'US', lat: 39.7817 + i * 0.002, lng: -89.6501 }],
    });
    const contactId = household.contacts[0]!.id;
    const session = await services.accounts.createSession(world.companyId, 'contact', contactId);
    households.push({ customerId: household.id, locationId: household.locations[0]!.id, contactId, cookie: `arrivo_session=${session.token}` });
  }
  return households;
}
