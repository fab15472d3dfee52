/**
 * The data the `api` benchmark reads: the demo company (its customers, staff and 68 jobs with
 * real timelines) grown to a few thousand jobs over the past months, all through the services.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { CATEGORIES, COMPANY, TECHNICIANS, WINDOW_HOURS, WINDOW_START_HOURS, type CategoryKey } from '../src/server/demo/demo-data.js';
import type { PinnableClock } from '../src/server/demo/demo-clock.js';
import { createRandom } from '../src/server/demo/random.js';
import { seedDemo } from '../src/server/demo/seed-demo.js';
import type { StaffPrincipal } from '../src/server/modules/accounts/principal.js';
import type { Priority } from '../src/server/modules/jobs/jobs.table.js';

export interface BenchData {
  companyId: string;
  jobs: number;
  /** The customer's job view under test: a job with a long timeline, and its contact's session. */
  jobView: { jobId: string; reference: string; status: string; timelineEntries: number; cookie: string };
  /** The dispatcher's session for the job list. */
  dispatcherCookie: string;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Seeds the bench company with `totalJobs` jobs; `clock` must be the app's clock. */
export async function seedBenchData(app: FastifyInstance, clock: PinnableClock, options: { totalJobs: number }): Promise<BenchData> {
  const { services } = app;
  const db = app.database.db;
  const now = new Date();
  const demo = await seedDemo({ services, db, clock }, { now, staffPassword: randomUUID(), passwordHashCost: app.config.passwordHashCost });
  const companyId = demo.company.id;
  const random = createRandom(2_000);

  // ---- more jobs over the past 120 days: booked by the office, most visited, many finished
  const dispatcher = demo.dispatchers[0]!;
  const dispatcherPrincipal: StaffPrincipal = { role: 'dispatcher', companyId, userId: dispatcher.id, sessionId: 'bench', name: dispatcher.name, email: dispatcher.email };
  const technicianPrincipal = (key: string): StaffPrincipal => {
    const t = demo.technicians.find((m) => m.key === key)!;
    return { role: 'technician', companyId, userId: t.id, sessionId: 'bench', name: t.name, email: t.email };
  };
  const categories = await services.categories.list(companyId);
  const categoryKeys = Object.keys(CATEGORIES) as CategoryKey[];
  const categoryId = (key: CategoryKey) => categories.find((c) => c.name === CATEGORIES[key].name)!.id;
  const source = await services.sources.requireByKind(companyId, 'company');
  const priorities: Priority[] = ['low', 'normal', 'normal', 'normal', 'high', 'emergency'];

  const extra = Math.max(0, options.totalJobs - demo.jobs.length);
  // The demo's own jobs are the newest; these go before them. Planned first, with one generator,
  // so the data is the same whatever order the workers below finish in.
  const newestExtra = now.getTime() - 14 * DAY;
  const planned = Array.from({ length: extra }, () => {
    const createdMs = newestExtra - random.next() * 120 * DAY;
    const customer = random.pick(demo.customers);
    const category = random.pick(categoryKeys);
    const qualified = TECHNICIANS.filter((t) => CATEGORIES[category].requiredSkills.every((s) => (t.skills as readonly string[]).includes(s)));
    const windowStart = DateTime.fromMillis(createdMs, { zone: COMPANY.timezone })
      .startOf('day')
      .plus({ days: random.int(1, 4) })
      .set({ hour: random.pick(WINDOW_START_HOURS) })
      .toJSDate();
    const roll = random.next();
    return {
      createdMs,
      customer,
      location: random.pick(customer.locations),
      contact: random.pick(customer.contacts),
      category,
      priority: random.pick(priorities),
      description: random.pick(CATEGORIES[category].requests),
      // 10% never booked, 10% booked then cancelled, the rest visited and completed.
      fate: roll < 0.1 ? ('created' as const) : roll < 0.2 ? ('cancelled' as const) : ('completed' as const),
      technician: random.pick(qualified).key,
      bookedAfterMinutes: random.int(20, 180),
      windowStart,
      setOutMinutes: random.int(10, 30),
      startMinutes: random.int(0, 60),
      completeMinutes: random.int(90, 180),
      notes: random.pick(CATEGORIES[category].completionNotes),
    };
  });

  const play = async (job: (typeof planned)[number]) => {
    const at = (ms: number) => <T>(work: () => Promise<T>) => clock.runAt(new Date(ms), work);
    const created = await at(job.createdMs)(() =>
      services.jobs.create(dispatcherPrincipal, {
        customerId: job.customer.id,
        locationId: job.location.id,
        categoryId: categoryId(job.category),
        sourceId: source.id,
        priority: job.priority,
        description: job.description,
        contactIds: [job.contact.id],
        // Their e-mails and texts would be history by now; planning thousands of them only slows
        // the seeding, and the reads measured never look at the outbox.
        notificationsEnabled: false,
        preferredWindows: [],
      }),
    );
    if (job.fate === 'created') return;
    const start = job.windowStart.getTime();
    const window = { windowStart: job.windowStart.toISOString(), windowEnd: new Date(start + WINDOW_HOURS * 60 * MINUTE).toISOString() };
    const technicianId = demo.technicians.find((t) => t.key === job.technician)!.id;
    const bookedAt = job.createdMs + job.bookedAfterMinutes * MINUTE;
    const booked = await at(bookedAt)(() => services.jobs.schedule(dispatcherPrincipal, created.id, { technicianId, ...window }));
    if (job.fate === 'cancelled') {
      await at(bookedAt + 60 * MINUTE)(() => services.jobs.cancel(dispatcherPrincipal, created.id, { reason: 'Customer cancelled' }));
      return;
    }
    const visitId = booked.visits[0]!.id;
    const tech = technicianPrincipal(job.technician);
    await at(start - job.setOutMinutes * MINUTE)(() => services.jobs.technicianStep(tech, visitId, 'set_out'));
    await at(start + job.startMinutes * MINUTE)(() => services.jobs.technicianStep(tech, visitId, 'start'));
    await at(start + (job.startMinutes + job.completeMinutes) * MINUTE)(() => services.jobs.technicianStep(tech, visitId, 'complete', { notes: job.notes, attachmentIds: [] }));
  };
  // PostgreSQL serves several connections at once; SQLite has one writer, so more workers gain nothing.
  const workers = app.database.kind === 'postgres' ? 8 : 1;
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < planned.length) await play(planned[next++]!);
    }),
  );

  // A database that has lived a while is vacuumed and has statistics (autovacuum does both on
  // PostgreSQL within a minute of a bulk change): without statistics the planner joins every job
  // before sorting, and an autovacuum starting mid-measurement would skew the figures.
  if (app.database.kind === 'postgres') await sql`vacuum analyze`.execute(db);

  // ---- the job the customer looks at: the demo job with the longest timeline they can see
  const counts = await db
    .selectFrom('job_events')
    .select(['job_id', (eb) => eb.fn.countAll<number>().as('entries')])
    .where('company_id', '=', companyId)
    .where('visibility', '=', 'customer')
    .where(
      'job_id',
      'in',
      demo.jobs.map((j) => j.id),
    )
    .groupBy('job_id')
    .execute();
  const longest = counts.map((c) => ({ jobId: c.job_id, entries: Number(c.entries) })).sort((a, b) => b.entries - a.entries || a.jobId.localeCompare(b.jobId))[0]!;
  const viewed = demo.jobs.find((j) => j.id === longest.jobId)!;
  const customerSession = await services.accounts.createSession(companyId, 'contact', viewed.contactId);
  const dispatcherSession = await services.accounts.createSession(companyId, 'user', dispatcher.id);
  const total = await db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('count')).where('company_id', '=', companyId).executeTakeFirstOrThrow();

  return {
    companyId,
    jobs: Number(total.count),
    jobView: { jobId: viewed.id, reference: viewed.reference, status: viewed.status, timelineEntries: longest.entries, cookie: `arrivo_session=${customerSession.token}` },
    dispatcherCookie: `arrivo_session=${dispatcherSession.token}`,
  };
}
