/**
 * The days the `optimise-day` benchmark optimises: a company in the Austin metro area with N
 * technicians (homes spread over the area, their own hours, a few skills) and a day that customers
 * fill themselves, one request at a time, as on the portal — ask for the day's windows, pick the
 * offered one nearest the time they would like, file the request with that booking — until the
 * day holds the visits wanted. So the day "as booked" is exactly what Arrivo's booking produces:
 * each visit placed with the technician who fits it with the least added driving at that moment.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import { createRandom, type Random } from '../src/server/demo/random.js';
import type { CustomerPrincipal, StaffPrincipal } from '../src/server/modules/accounts/principal.js';
import type { GeoPoint } from '../src/server/modules/tracking/eta.js';

export const DAY = {
  timezone: 'America/Chicago',
  /** A Wednesday; the bookings are made the day before at noon (well inside lead time and horizon). */
  date: '2026-02-04',
  bookedAt: '2026-02-03T18:00:00.000Z',
  /** Customers live within this many km of the centre; technicians' homes within homeRadiusKm. */
  customerRadiusKm: 10,
  homeRadiusKm: 12,
} as const;

const AUSTIN: GeoPoint = { lat: 30.2672, lng: -97.7431 };

/** The service catalogue: how long each takes, who may do it, and how often customers ask for it. */
const SERVICES = [
  { name: 'Seasonal maintenance', minutes: 45, skills: [] as string[], weight: 0.4 },
  { name: 'Heating or cooling repair', minutes: 60, skills: ['hvac'], weight: 0.25 },
  { name: 'Plumbing repair', minutes: 60, skills: ['plumbing'], weight: 0.2 },
  { name: 'Gas safety check', minutes: 30, skills: ['gas'], weight: 0.1 },
  { name: 'Water heater installation', minutes: 90, skills: ['plumbing', 'gas'], weight: 0.05 },
];

/** Local working hours; `null` is the company default (08:00–17:00, Monday to Friday). */
const SHIFTS = [
  { hours: null, weight: 0.7 },
  { hours: { start: '07:00', end: '16:00' }, weight: 0.15 },
  { hours: { start: '09:00', end: '18:00' }, weight: 0.1 },
  { hours: { start: '08:00', end: '13:00' }, weight: 0.05 },
];

/** The window customers would like (local hour it starts); they take the offered one nearest it. */
const PREFERRED_HOURS = [
  { hour: 8, weight: 0.35 },
  { hour: 10, weight: 0.3 },
  { hour: 12, weight: 0.2 },
  { hour: 14, weight: 0.15 },
];

export interface SeededTechnician {
  id: string;
  home: GeoPoint;
  skills: string[];
  /** Local "HH:MM" of the day measured. */
  start: string;
  end: string;
}

export interface SeededVisit {
  appointmentId: string;
  jobId: string;
  locationId: string;
  point: GeoPoint;
  durationMinutes: number;
  requiredSkills: string[];
  technicianId: string;
  windowStart: string;
  windowEnd: string;
}

export interface SeededDay {
  companyId: string;
  dispatcher: StaffPrincipal;
  bufferMinutes: number;
  technicians: SeededTechnician[];
  visits: SeededVisit[];
  /** Requests whose customer found no window left that day (they would pick another day). */
  turnedAway: number;
}

function weighted<T extends { weight: number }>(random: Random, items: readonly T[]): T {
  let r = random.next() * items.reduce((sum, item) => sum + item.weight, 0);
  for (const item of items) {
    r -= item.weight;
    if (r < 0) return item;
  }
  return items.at(-1)!;
}

/** A point uniformly spread over a disc of `km` around the centre. */
function near(random: Random, km: number): GeoPoint {
  const angle = random.next() * 2 * Math.PI;
  const distance = Math.sqrt(random.next()) * km;
  return { lat: AUSTIN.lat + (distance / 111.195) * Math.sin(angle), lng: AUSTIN.lng + (distance / (111.195 * Math.cos((AUSTIN.lat * Math.PI) / 180))) * Math.cos(angle) };
}

/** Skills a technician has: every one can do maintenance; most do heating/cooling or plumbing, some gas. */
function skillsOf(random: Random, index: number): string[] {
  if (index === 0) return ['hvac', 'plumbing', 'gas'];
  const skills = new Set<string>();
  if (random.chance(0.6)) skills.add('hvac');
  if (random.chance(0.5)) skills.add('plumbing');
  if (skills.size === 0) skills.add(random.chance(0.5) ? 'hvac' : 'plumbing');
  if (random.chance(0.35)) skills.add('gas');
  return [...skills].sort();
}

/**
 * Seeds one company and books its day. The app's clock must read DAY.bookedAt. Requests keep coming
 * until `visits` are booked; at most 3 × visits requests, so a day that is full stops short.
 */
export async function seedOptimiseDay(app: FastifyInstance, size: { technicians: number; visits: number }, seed: number): Promise<SeededDay> {
  const { services } = app;
  const random = createRandom(seed);
  const unique = randomUUID().slice(0, 8);
  const { company, adminId } = await app.database.db.transaction().execute((trx) =>
    services.companies.createCompanyWithAdmin(
      trx,
      { name: `Optimise ${size.technicians}x${size.visits} ${unique}`, slug: `optimise-${size.technicians}x${size.visits}-${unique}`, timezone: DAY.timezone },
      { name: 'Admin', email: `admin-${unique}@bench.test`, passwordHash: null },
    ),
  );
  const companyId = company.id;
  const admin: StaffPrincipal = { role: 'admin', companyId, userId: adminId, sessionId: 'bench', name: 'Admin', email: `admin-${unique}@bench.test` };
  const user = await services.accounts.createUser(companyId, { email: `dispatcher-${unique}@bench.test`, name: 'Dispatcher', role: 'dispatcher', password: randomUUID() });
  const dispatcher: StaffPrincipal = { role: 'dispatcher', companyId, userId: user.id, sessionId: 'bench', name: 'Dispatcher', email: user.email };

  const categories = [];
  for (const service of SERVICES) {
    const created = await services.categories.create(companyId, { name: service.name, defaultDurationMinutes: service.minutes, requiredSkills: service.skills });
    categories.push({ ...service, id: created.id });
  }

  const technicians: SeededTechnician[] = [];
  for (let i = 0; i < size.technicians; i++) {
    const created = await services.accounts.createUser(companyId, { email: `tech-${i}-${unique}@bench.test`, name: `Technician ${i + 1}`, role: 'technician', password: randomUUID() });
    const home = near(random, DAY.homeRadiusKm);
    const skills = skillsOf(random, i);
    await services.technicians.updateProfile(admin, created.id, { skills, homeBase: { address: null, ...home } });
    const shift = weighted(random, SHIFTS).hours;
    if (shift) await services.scheduling.setWorkingHours(companyId, created.id, [1, 2, 3, 4, 5].map((weekday) => ({ weekday, ...shift })));
    technicians.push({ id: created.id, home, skills, start: shift?.start ?? '08:00', end: shift?.end ?? '17:00' });
  }

  const visits: SeededVisit[] = [];
  let turnedAway = 0;
  for (let request = 0; visits.length < size.visits && request < 3 * size.visits; request++) {
    const point = near(random, DAY.customerRadiusKm);
    const customer = await services.customers.create(companyId, {
      kind: 'household',
      name: `Customer ${request + 1}`,
      contacts: [{ name: `Contact ${request + 1}`, email: `c-${request}-${unique}@bench.test` }],
      locations: [{ line1: `${request + 1} Congress Ave`, city: 'Austin', postalCode: `787${String(request % 50).padStart(2, '0')}`, country: 'US', ...point }],
    });
    const locationId = customer.locations[0]!.id;
    const principal: CustomerPrincipal = { role: 'customer_admin', companyId, contactId: customer.contacts[0]!.id, customerId: customer.id, sessionId: 'bench', name: `Contact ${request + 1}` };
    const service = weighted(random, categories);
    const preferred = DateTime.fromISO(DAY.date, { zone: DAY.timezone }).set({ hour: weighted(random, PREFERRED_HOURS).hour }).toMillis();

    const offered = await services.portal.availabilityForRequest(principal, { categoryId: service.id, locationId, from: DAY.date, to: DAY.date });
    const choice = [...offered.windows].sort((a, b) => Math.abs(Date.parse(a.start) - preferred) - Math.abs(Date.parse(b.start) - preferred) || Date.parse(a.start) - Date.parse(b.start))[0];
    if (!choice) {
      turnedAway++;
      continue;
    }
    const filed = await services.portal.submitRequest(principal, {
      categoryId: service.id,
      description: `${service.name} please`,
      priority: 'normal',
      slaAcknowledged: true,
      location: { locationId },
      preferredWindows: [],
      attachmentIds: [],
      booking: { windowStart: choice.start },
    });
    const appointment = await app.database.db
      .selectFrom('appointments')
      .select(['id', 'technician_id', 'window_start', 'window_end'])
      .where('company_id', '=', companyId)
      .where('job_id', '=', filed.job.id)
      .executeTakeFirstOrThrow();
    visits.push({
      appointmentId: appointment.id,
      jobId: filed.job.id,
      locationId,
      point,
      durationMinutes: service.minutes,
      requiredSkills: service.skills,
      technicianId: appointment.technician_id!,
      windowStart: appointment.window_start,
      windowEnd: appointment.window_end,
    });
  }
  const bufferMinutes = (await services.scheduling.policy(companyId)).bufferMinutes;
  return { companyId, dispatcher, bufferMinutes, technicians, visits, turnedAway };
}
