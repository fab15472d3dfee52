/**
 * The data the `live` benchmark streams: the demo company (its customers, dispatchers and
 * categories) plus `technicians` extra technicians, each driving to a job of their own (en route),
 * with a job link per job for the viewers and a session per technician and per console, all
 * through the services.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { CATEGORIES, type CategoryKey } from '../src/server/demo/demo-data.js';
import type { PinnableClock } from '../src/server/demo/demo-clock.js';
import { createRandom } from '../src/server/demo/random.js';
import { seedDemo } from '../src/server/demo/seed-demo.js';
import type { StaffPrincipal } from '../src/server/modules/accounts/principal.js';

export interface LiveJob {
  jobId: string;
  appointmentId: string;
  technicianId: string;
  /** `arrivo_session=…` of the technician driving to it. */
  technicianCookie: string;
  /** `arrivo_job=…`: a job link of the job's contact (scoped to /api/portal/jobs/<jobId>). */
  viewerCookie: string;
  /** The service address, and where the technician sets out from (a few km away). */
  destination: { lat: number; lng: number };
  start: { lat: number; lng: number };
}

export interface LiveData {
  companyId: string;
  jobs: LiveJob[];
  /** `arrivo_session=…` of dispatchers, one per console stream. */
  consoleCookies: string[];
}

const MINUTE = 60_000;
const EARTH_METERS_PER_DEGREE = 111_320;

/** Seeds the company; `clock` must be the app's clock. */
export async function seedLiveData(app: FastifyInstance, clock: PinnableClock, options: { technicians: number; consoles: number }): Promise<LiveData> {
  const { services } = app;
  const now = new Date();
  const demo = await seedDemo({ services, db: app.database.db, clock }, { now, staffPassword: randomUUID(), passwordHashCost: app.config.passwordHashCost });
  // What follows happens now, on the real clock: the points posted later are judged against it.
  clock.release();
  const companyId = demo.company.id;
  const random = createRandom(4_000);
  const dispatcher = demo.dispatchers[0]!;
  const dispatcherPrincipal: StaffPrincipal = { role: 'dispatcher', companyId, userId: dispatcher.id, sessionId: 'bench', name: dispatcher.name, email: dispatcher.email };
  const categories = await services.categories.list(companyId);
  const categoryKeys = Object.keys(CATEGORIES) as CategoryKey[];
  const categoryId = (key: CategoryKey) => categories.find((c) => c.name === CATEGORIES[key].name)!.id;
  const source = await services.sources.requireByKind(companyId, 'company');
  // The window starts within the hour, on a quarter hour, and lasts two hours.
  const windowStart = new Date(Math.ceil((now.getTime() + 30 * MINUTE) / (15 * MINUTE)) * 15 * MINUTE);
  const windowEnd = new Date(windowStart.getTime() + 120 * MINUTE);
  const password = randomUUID();

  const seedOne = async (i: number): Promise<LiveJob> => {
    const user = await services.accounts.createUser(companyId, { email: `live-tech-${i}@bench.arrivo.test`, name: `Live Technician ${i + 1}`, role: 'technician', password });
    const tech: StaffPrincipal = { role: 'technician', companyId, userId: user.id, sessionId: 'bench', name: user.name, email: user.email };
    const customer = random.pick(demo.customers);
    const location = random.pick(customer.locations);
    const contact = random.pick(customer.contacts);
    const category = random.pick(categoryKeys);
    const job = await services.jobs.create(dispatcherPrincipal, {
      customerId: customer.id,
      locationId: location.id,
      categoryId: categoryId(category),
      sourceId: source.id,
      priority: 'normal',
      description: random.pick(CATEGORIES[category].requests),
      contactIds: [contact.id],
      notificationsEnabled: false,
      preferredWindows: [],
    });
    const booked = await services.jobs.schedule(dispatcherPrincipal, job.id, { technicianId: user.id, windowStart: windowStart.toISOString(), windowEnd: windowEnd.toISOString() });
    const appointmentId = booked.visits[0]!.id;
    await services.jobs.technicianStep(tech, appointmentId, 'set_out');
    const link = await services.accounts.createJobLink(companyId, job.id, contact.id);
    const session = await services.accounts.createSession(companyId, 'user', user.id);
    const destination = { lat: location.input.lat!, lng: location.input.lng! };
    // 4–9 km away in any direction: far enough that nobody arrives during the run.
    const bearing = random.next() * 2 * Math.PI;
    const meters = 4_000 + random.next() * 5_000;
    const start = {
      lat: destination.lat + (Math.cos(bearing) * meters) / EARTH_METERS_PER_DEGREE,
      lng: destination.lng + (Math.sin(bearing) * meters) / (EARTH_METERS_PER_DEGREE * Math.cos((destination.lat * Math.PI) / 180)),
    };
    return { jobId: job.id, appointmentId, technicianId: user.id, technicianCookie: `arrivo_session=${session.token}`, viewerCookie: `arrivo_job=${link.token}`, destination, start };
  };

  // Password hashing runs off the main thread; the rest is one writer on SQLite anyway.
  const jobs: LiveJob[] = new Array<LiveJob>(options.technicians);
  const workers = app.database.kind === 'postgres' ? 8 : 4;
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < options.technicians) {
        const i = next++;
        jobs[i] = await seedOne(i);
      }
    }),
  );

  const consoleCookies: string[] = [];
  for (let i = 0; i < options.consoles; i++) {
    const member = demo.dispatchers[i % demo.dispatchers.length]!;
    consoleCookies.push(`arrivo_session=${(await services.accounts.createSession(companyId, 'user', member.id)).token}`);
  }
  return { companyId, jobs, consoleCookies };
}
