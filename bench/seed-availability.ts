/**
 * The data the `availability` benchmark reads: a company in Austin with 50 technicians (skills,
 * home bases, the default week) and 1,000 visits over the 14 days measured, placed so every
 * technician's day stays feasible, all through the services. A second company with the same
 * technicians and an empty calendar is the baseline.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import { createRandom } from '../src/server/demo/random.js';
import type { StaffPrincipal } from '../src/server/modules/accounts/principal.js';

export const SEED = { technicians: 50, appointments: 1000, days: 14, customers: 300, timezone: 'America/Chicago' } as const;

const AUSTIN = { lat: 30.2672, lng: -97.7431 };

export interface AvailabilityCompany {
  companyId: string;
  categoryId: string;
  /** Customers' addresses the queries ask about, and a signed-in contact of the first. */
  locationIds: string[];
  customerCookie: string;
  customerLocationId: string;
  dispatcherCookie: string;
  appointments: number;
}

export interface AvailabilityBenchData {
  /** The first day measured (local date), and the last. */
  from: string;
  to: string;
  seeded: AvailabilityCompany;
  empty: AvailabilityCompany;
}

/** Seeds both companies; `now` is the app clock's instant (a Monday 06:00 UTC). */
export async function seedAvailabilityData(app: FastifyInstance, now: Date): Promise<AvailabilityBenchData> {
  const from = DateTime.fromJSDate(now, { zone: SEED.timezone }).plus({ days: 1 }).startOf('day');
  const to = from.plus({ days: SEED.days - 1 });
  const seeded = await seedCompany(app, 'busy', from, SEED.appointments);
  const empty = await seedCompany(app, 'empty', from, 0);
  return { from: from.toISODate()!, to: to.toISODate()!, seeded, empty };
}

async function seedCompany(app: FastifyInstance, label: string, from: DateTime, appointments: number): Promise<AvailabilityCompany> {
  const { services } = app;
  const random = createRandom(label === 'busy' ? 6_000 : 6_001);
  const unique = randomUUID().slice(0, 8);
  const { company, adminId } = await app.database.db.transaction().execute((trx) =>
    services.companies.createCompanyWithAdmin(trx, { name: `Availability ${label} ${unique}`, slug: `availability-${label}-${unique}`, timezone: SEED.timezone }, { name: 'Admin', email: `admin-${unique}@bench.test`, passwordHash: null }),
  );
  const companyId = company.id;
  const dispatcher = await services.accounts.createUser(companyId, { email: `dispatcher-${unique}@bench.test`, name: 'Dispatcher', role: 'dispatcher', password: randomUUID() });
  const principal: StaffPrincipal = { role: 'dispatcher', companyId, userId: dispatcher.id, sessionId: 'bench', name: 'Dispatcher', email: dispatcher.email };
  const category = (await services.categories.list(companyId))[0]!;

  // Technicians spread over a 25 km disc around Austin, all able to do the work.
  const near = (km: number) => {
    const angle = random.next() * 2 * Math.PI;
    const distance = Math.sqrt(random.next()) * km;
    return { lat: AUSTIN.lat + (distance / 111.195) * Math.sin(angle), lng: AUSTIN.lng + (distance / (111.195 * Math.cos((AUSTIN.lat * Math.PI) / 180))) * Math.cos(angle) };
  };
  const technicianIds: string[] = [];
  for (let i = 0; i < SEED.technicians; i++) {
    const user = await services.accounts.createUser(companyId, { email: `tech-${i}-${unique}@bench.test`, name: `Technician ${i + 1}`, role: 'technician', password: randomUUID() });
    const home = near(25);
    await services.technicians.updateProfile({ ...principal, role: 'admin', userId: adminId }, user.id, { skills: ['hvac', 'plumbing'], homeBase: { address: null, ...home } });
    technicianIds.push(user.id);
  }

  const customers: { id: string; locationId: string; contactId: string }[] = [];
  for (let i = 0; i < SEED.customers; i++) {
    const point = near(20);
    const created = await services.customers.create(companyId, {
      kind: 'household',
      name: `Customer ${i + 1}`,
      contacts: [{ name: `Contact ${i + 1}`, email: `c-${i}-${unique}@bench.test` }],
      locations: [{ line1: `${i + 1} Congress Ave`, city: 'Austin', postalCode: `787${String(i % 50).padStart(2, '0')}`, country: 'US', ...point }],
    });
    customers.push({ id: created.id, locationId: created.locations[0]!.id, contactId: created.contacts[0]!.id });
  }

  // Weekday windows of the default week (08–10, 10–12, 12–14, 14–16 local); two visits per
  // technician-day in distinct windows keep every day feasible, as the office would book it.
  const slots: { technicianId: string; start: DateTime }[] = [];
  for (let day = 0; day < SEED.days; day++) {
    const date = from.plus({ days: day });
    if (date.weekday > 5) continue;
    for (const technicianId of technicianIds) {
      const hours = [8, 10, 12, 14].sort(() => random.next() - 0.5).slice(0, 2);
      for (const hour of hours) slots.push({ technicianId, start: date.set({ hour }) });
    }
  }
  const chosen = slots.sort(() => random.next() - 0.5).slice(0, appointments);
  for (const slot of chosen) {
    const customer = random.pick(customers);
    const job = await services.jobs.create(principal, {
      customerId: customer.id,
      locationId: customer.locationId,
      categoryId: category.id,
      sourceId: (await services.sources.requireByKind(companyId, 'company')).id,
      priority: 'normal',
      description: 'Maintenance visit',
      contactIds: [customer.contactId],
      notificationsEnabled: false,
      preferredWindows: [],
    });
    await services.jobs.schedule(principal, job.id, { technicianId: slot.technicianId, windowStart: slot.start.toUTC().toISO()!, windowEnd: slot.start.plus({ hours: 2 }).toUTC().toISO()! });
  }

  const session = async (kind: 'user' | 'contact', id: string) => `arrivo_session=${(await services.accounts.createSession(companyId, kind, id)).token}`;
  return {
    companyId,
    categoryId: category.id,
    locationIds: customers.map((c) => c.locationId),
    customerCookie: await session('contact', customers[0]!.contactId),
    customerLocationId: customers[0]!.locationId,
    dispatcherCookie: await session('user', dispatcher.id),
    appointments: chosen.length,
  };
}
