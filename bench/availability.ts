/**
 * `npm run bench -- availability`: milliseconds per availability query — the bookable windows for
 * a visit over 14 days, with 50 technicians and 1,000 visits already booked — through the service
 * and through HTTP, on SQLite and on PostgreSQL. The baseline, measured in the same run, is the
 * same query against a company with the same technicians and an empty calendar, so the figures read
 * as "what 1,000 booked visits cost" as much as absolute milliseconds on this machine.
 */
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { createDb } from '../src/server/db/create-db.js';
import { ManualClock } from '../src/server/lib/clock.js';
import { createBenchDatabase, machineInfo, postgresReachable, POSTGRES_SERVER_URL, round, table, writeResults, type Benchmark, type DatabaseKind } from './common.js';
import { SEED, seedAvailabilityData, type AvailabilityCompany } from './seed-availability.js';

const PARAMETERS = {
  warmupQueries: 30,
  measuredQueries: Number(process.env.BENCH_AVAILABILITY_QUERIES || 400),
  ...SEED,
  /** A Monday morning: the 14 days measured start on Tuesday. */
  now: '2026-02-02T12:00:00.000Z',
};

interface Timing {
  queries: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  queriesPerSecond: number;
  /** Windows in the last answer, so the cases are seen to answer the same question. */
  windows: number;
}

interface CaseFigures {
  name: string;
  seeded: Timing;
  baseline: Timing;
  /** seeded ÷ empty calendar, p50. */
  ratioP50: number;
}

const log = (message: string) => process.stderr.write(`  · ${message}\n`);

function summarise(durations: number[], windows: number): Timing {
  const sorted = [...durations].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const total = durations.reduce((sum, d) => sum + d, 0);
  return { queries: durations.length, meanMs: round(total / durations.length, 3), p50Ms: round(at(0.5), 3), p99Ms: round(at(0.99), 3), maxMs: round(sorted.at(-1)!, 3), queriesPerSecond: round((1000 * durations.length) / total, 1), windows };
}

/** Runs `query` one at a time (warm-up dropped), each on the next address, and times it. */
async function time(company: AvailabilityCompany, query: (company: AvailabilityCompany, locationId: string) => Promise<number>): Promise<Timing> {
  let windows = 0;
  for (let i = 0; i < PARAMETERS.warmupQueries; i++) windows = await query(company, company.locationIds[i % company.locationIds.length]!);
  const durations: number[] = [];
  for (let i = 0; i < PARAMETERS.measuredQueries; i++) {
    const started = performance.now();
    windows = await query(company, company.locationIds[i % company.locationIds.length]!);
    durations.push(performance.now() - started);
  }
  return summarise(durations, windows);
}

async function measure(kind: DatabaseKind, runLabel: string) {
  const database = await createBenchDatabase(kind, `availability_${runLabel}`);
  const env = { ...database.env, NODE_ENV: 'production', LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0', PUBLIC_URL: 'http://127.0.0.1' };
  const config = loadConfig(env, { passwordHashCost: 2 ** 10 });
  const handle = createDb(config);
  const clock = new ManualClock(PARAMETERS.now);
  const app = await buildApp(config, { database: handle, clock });
  try {
    log(`${kind}: seeding ${PARAMETERS.technicians} technicians and ${PARAMETERS.appointments} visits through the services (${database.where})`);
    const seedStarted = performance.now();
    if (kind === 'sqlite') await sql`pragma synchronous = off`.execute(handle.db);
    const data = await seedAvailabilityData(app, clock.now());
    if (kind === 'sqlite') await sql`pragma synchronous = full`.execute(handle.db);
    await (kind === 'sqlite' ? sql`analyze` : sql`vacuum analyze`).execute(handle.db);
    const seedSeconds = round((performance.now() - seedStarted) / 1000, 1);
    log(`${kind}: seeded in ${seedSeconds} s`);

    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('Arrivo did not listen on a TCP port');
    const base = `http://127.0.0.1:${address.port}`;
    const range = `from=${data.from}&to=${data.to}`;

    const viaService = async (company: AvailabilityCompany, locationId: string) =>
      (await app.services.scheduling.staffAvailability(company.companyId, { categoryId: company.categoryId, locationId, from: data.from, to: data.to })).windows.length;
    const viaHttp = (route: 'console' | 'portal') => async (company: AvailabilityCompany, locationId: string) => {
      const url =
        route === 'console'
          ? `${base}/api/availability?categoryId=${company.categoryId}&locationId=${locationId}&${range}`
          : `${base}/api/portal/availability?categoryId=${company.categoryId}&locationId=${company.customerLocationId}&${range}`;
      const response = await fetch(url, { headers: { cookie: route === 'console' ? company.dispatcherCookie : company.customerCookie } });
      const body = (await response.json()) as { windows?: unknown[] };
      if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
      return body.windows!.length;
    };

    const cases: CaseFigures[] = [];
    for (const [name, query] of [
      ['service: SchedulingService.staffAvailability', viaService],
      ['HTTP: GET /api/availability (dispatcher)', viaHttp('console')],
      ['HTTP: GET /api/portal/availability (customer)', viaHttp('portal')],
    ] as const) {
      log(`${kind}: ${name}`);
      const baseline = await time(data.empty, query);
      const seeded = await time(data.seeded, query);
      cases.push({ name, seeded, baseline, ratioP50: round(seeded.p50Ms / baseline.p50Ms, 2) });
    }
    return { database: kind, seedSeconds, appointments: data.seeded.appointments, range: { from: data.from, to: data.to }, cases };
  } finally {
    await app.close();
    await handle.destroy();
    await database.drop();
  }
}

export const availabilityBenchmark: Benchmark = {
  name: 'availability',
  description: 'bookable windows over 14 days with 50 technicians and 1,000 booked visits, ms per query, vs an empty calendar, on SQLite and PostgreSQL',
  async run() {
    const started = performance.now();
    const machine = machineInfo();
    const loadBefore = os.loadavg()[0]!;
    if (loadBefore > 0.5 * machine.cpus) log(`the machine is busy (load average ${round(loadBefore)} on ${machine.cpus} cores): the figures will be higher and noisier`);
    const kinds: DatabaseKind[] = ['sqlite'];
    const skipped: string[] = [];
    if (await postgresReachable()) kinds.push('postgres');
    else skipped.push(`PostgreSQL: nothing answers at ${POSTGRES_SERVER_URL} (set BENCH_POSTGRES_URL)`);
    const results = [];
    for (const kind of kinds) results.push(await measure(kind, String(process.pid)));

    const rows = results.flatMap((r) => r.cases.map((c) => [r.database, c.name, c.baseline.p50Ms, c.seeded.p50Ms, c.seeded.p99Ms, c.seeded.queriesPerSecond, `${c.ratioP50}×`, c.seeded.windows]));
    console.log(
      [
        '',
        `availability — ${machine.cpus} CPU cores (${machine.cpuModel}), Node ${machine.node}; load average before: ${round(loadBefore)}`,
        `${PARAMETERS.technicians} technicians, ${PARAMETERS.appointments} visits over ${PARAMETERS.days} days; ${PARAMETERS.measuredQueries} sequential queries per case after ${PARAMETERS.warmupQueries} warm-up, each for the next customer address.`,
        'Baseline: the same query for a company with the same technicians and no visits booked (measured in the same run).',
        '',
        table(['database', 'query', 'empty p50 ms', 'p50 ms', 'p99 ms', 'queries/s', 'p50 vs empty', 'windows'], rows),
        ...skipped.map((s) => `skipped: ${s}`),
        '',
      ].join('\n'),
    );
    const file = writeResults('availability', {
      benchmark: 'availability',
      description: availabilityBenchmark.description,
      date: new Date().toISOString(),
      machine: { ...machine, loadAverage1mBefore: round(loadBefore) },
      parameters: {
        ...PARAMETERS,
        method: 'one query at a time, timed with performance.now() around the service call or around fetch() to the app listening on 127.0.0.1 (client in the same process); p50/p99 over the measured queries',
        seeding: 'through the services; two visits per technician per weekday in distinct windows (every route feasible); SQLite synchronous=OFF while seeding, PostgreSQL synchronous_commit=off; ANALYZE after seeding',
      },
      totalSeconds: round((performance.now() - started) / 1000, 1),
      results: Object.fromEntries(results.map((r) => [r.database, r])),
      skipped,
    });
    console.log(`written to ${path.relative(process.cwd(), file)}`);
  },
};
