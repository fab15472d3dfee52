/**
 * `npm run bench -- optimise-day`: "Optimise day" on realistic days, through the service
 * (RouteOptimisationService.preview: the day loaded from the database, the problem built, the
 * solver run in its worker thread, the plan stored), for three company sizes. Each day is filled by
 * customers booking on the portal (seed-optimise-day.ts), so the baseline — measured in the same
 * run — is the day exactly as Arrivo's booking assigned it. Every proposed route is replayed
 * independently of the solver: each visit once, the technician's skills, arrival inside its
 * (unchanged) window, travel and buffer between stops, leaving home no earlier than the shift
 * starts and back by its end.
 *
 * Options after the name: `--seconds N` (the preview's time limit, 1–30; default: the service's
 * own default), `--sizes 10x60,20x150` (technicians × visits), `--seed N` (default 1).
 */
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { createDb } from '../src/server/db/create-db.js';
import { ManualClock } from '../src/server/lib/clock.js';
import { travelSeconds } from '../src/server/modules/scheduling/availability.js';
import { greatCircleMeters, roadMeters } from '../src/server/modules/tracking/eta.js';
import { createBenchDatabase, machineInfo, round, table, writeResults, type Benchmark } from './common.js';
import { DAY, seedOptimiseDay, type SeededDay } from './seed-optimise-day.js';

interface Size {
  technicians: number;
  visits: number;
}

interface Settings {
  seconds: number | null;
  sizes: Size[];
  seed: number;
}

/**
 * Six visits per technician: about what a day of 2-hour arrival windows holds (~50 min on site,
 * 15 min buffer, driving); with more, customers start finding the day full (`--sizes 20x150`).
 */
const DEFAULT_SIZES: Size[] = [
  { technicians: 10, visits: 60 },
  { technicians: 20, visits: 120 },
  { technicians: 40, visits: 240 },
];

const log = (message: string) => process.stderr.write(`  · ${message}\n`);

function parseOptions(args: string[]): Settings {
  const settings: Settings = { seconds: null, sizes: DEFAULT_SIZES, seed: 1 };
  for (let index = 0; index < args.length; index += 2) {
    const option = args[index]!;
    const value = args[index + 1];
    if (value === undefined) throw new Error(`optimise-day: ${option} needs a value`);
    if (option === '--seconds') {
      const seconds = Number(value);
      // The preview API's own bounds (PreviewBody.timeLimitSeconds).
      if (!Number.isInteger(seconds) || seconds < 1 || seconds > 30) throw new Error(`optimise-day: --seconds expects a whole number from 1 to 30, got "${value}"`);
      settings.seconds = seconds;
    } else if (option === '--seed') {
      const seed = Number(value);
      if (!Number.isInteger(seed) || seed < 0) throw new Error(`optimise-day: --seed expects a non-negative whole number, got "${value}"`);
      settings.seed = seed;
    } else if (option === '--sizes') {
      settings.sizes = value.split(',').map((item) => {
        const match = /^\s*(\d+)\s*x\s*(\d+)\s*$/i.exec(item);
        if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) throw new Error(`optimise-day: --sizes expects technicians×visits such as 10x60,20x150, got "${item}"`);
        return { technicians: Number(match[1]), visits: Number(match[2]) };
      });
    } else throw new Error(`optimise-day: unknown option ${option} (known: --seconds N, --sizes 10x60,20x150, --seed N)`);
  }
  return settings;
}

interface PlanStop {
  appointmentId: string;
  arrivalAt: string;
  windowStart: string;
  windowEnd: string;
  durationMinutes: number;
  late: boolean;
}

/**
 * Replays routes from what was seeded, not from the solver's model: returns the violations found
 * (empty: every route is feasible). `sameWindows`: windows must be the ones booked.
 */
function replay(day: SeededDay, routes: { id: string; stops: PlanStop[] }[], sameWindows: boolean): string[] {
  const violations: string[] = [];
  const visits = new Map(day.visits.map((v) => [v.appointmentId, v]));
  const seen = new Map<string, number>();
  const at = (clock: string) => DateTime.fromISO(`${DAY.date}T${clock}`, { zone: DAY.timezone }).toMillis();
  for (const route of routes) {
    if (route.stops.length === 0) continue;
    const technician = day.technicians.find((t) => t.id === route.id);
    if (!technician) {
      violations.push(`${route.id}: not a technician of the day`);
      continue;
    }
    const home = { id: `home:${technician.id}`, point: technician.home };
    let free = at(technician.start);
    let previous: { id: string; point: { lat: number; lng: number } } = home;
    route.stops.forEach((stop, index) => {
      const visit = visits.get(stop.appointmentId);
      const where = `${technician.id.slice(0, 8)} stop ${index + 1}`;
      if (!visit) {
        violations.push(`${where}: unknown visit ${stop.appointmentId}`);
        return;
      }
      seen.set(visit.appointmentId, (seen.get(visit.appointmentId) ?? 0) + 1);
      const place = { id: visit.locationId, point: visit.point };
      const arrival = Date.parse(stop.arrivalAt);
      const earliest = free + travelSeconds(previous, place) * 1000 + (index > 0 ? day.bufferMinutes * 60_000 : 0);
      if (visit.requiredSkills.some((skill) => !technician.skills.includes(skill))) violations.push(`${where}: lacks a skill of ${visit.requiredSkills.join('+')}`);
      if (arrival < earliest - 1000) violations.push(`${where}: arrives ${Math.round((earliest - arrival) / 60_000)} min before it can get there`);
      if (arrival < Date.parse(stop.windowStart) || arrival > Date.parse(stop.windowEnd) || stop.late) violations.push(`${where}: arrives outside its window`);
      if (sameWindows && (stop.windowStart !== new Date(visit.windowStart).toISOString() || stop.windowEnd !== new Date(visit.windowEnd).toISOString())) violations.push(`${where}: window changed`);
      if (stop.durationMinutes !== visit.durationMinutes) violations.push(`${where}: duration ${stop.durationMinutes} min, booked ${visit.durationMinutes}`);
      free = arrival + visit.durationMinutes * 60_000;
      previous = place;
    });
    const back = free + travelSeconds(previous, home) * 1000;
    if (back > at(technician.end) + 1000) violations.push(`${technician.id.slice(0, 8)}: home ${Math.round((back - at(technician.end)) / 60_000)} min after the shift ends`);
  }
  for (const visit of day.visits) {
    const count = seen.get(visit.appointmentId) ?? 0;
    if (count !== 1) violations.push(`visit ${visit.appointmentId.slice(0, 8)} planned ${count} times`);
  }
  return violations;
}

/**
 * The booked assignment at its best: for each technician, the feasible order of the visits booking
 * gave them with the least driving (exhaustive search, pruned by windows and hours). The service's
 * "before" orders visits by window, and two visits in one window may be in an order the booking
 * did not plan (it shows them late); this figure is what the booked day really costs.
 */
function bestBookedOrder(day: SeededDay): { travelMinutes: number; travelKm: number; techniciansUsed: number; infeasible: number; infeasibleDays: unknown[] } {
  const at = (clock: string) => DateTime.fromISO(`${DAY.date}T${clock}`, { zone: DAY.timezone }).toMillis();
  let seconds = 0;
  let meters = 0;
  let used = 0;
  let infeasible = 0;
  const infeasibleDays: unknown[] = [];
  for (const technician of day.technicians) {
    const visits = day.visits.filter((v) => v.technicianId === technician.id);
    if (visits.length === 0) continue;
    used++;
    const home = { id: `home:${technician.id}`, point: technician.home };
    const places = visits.map((v) => ({ id: v.locationId, point: v.point }));
    const metersBetween = (a: typeof home, b: typeof home) => (a.id === b.id ? 0 : roadMeters(greatCircleMeters(a.point, b.point)));
    const end = at(technician.end);
    let best: { seconds: number; meters: number } | null = null;
    const done = new Array<boolean>(visits.length).fill(false);
    const search = (count: number, free: number, previous: typeof home, travelled: number, metres: number) => {
      if (best && travelled >= best.seconds) return;
      if (count === visits.length) {
        const total = travelled + travelSeconds(previous, home);
        if (free + travelSeconds(previous, home) * 1000 <= end && (!best || total < best.seconds)) best = { seconds: total, meters: metres + metersBetween(previous, home) };
        return;
      }
      for (let k = 0; k < visits.length; k++) {
        if (done[k]) continue;
        const visit = visits[k]!;
        const leg = travelSeconds(previous, places[k]!);
        const arrival = Math.max(Date.parse(visit.windowStart), free + leg * 1000 + (count > 0 ? day.bufferMinutes * 60_000 : 0));
        if (arrival > Date.parse(visit.windowEnd)) continue;
        done[k] = true;
        search(count + 1, arrival + visit.durationMinutes * 60_000, places[k]!, travelled + leg, metres + metersBetween(previous, places[k]!));
        done[k] = false;
      }
    };
    search(0, at(technician.start), home, 0, 0);
    const found = best as { seconds: number; meters: number } | null;
    if (!found) {
      infeasible++;
      infeasibleDays.push({ technicianId: technician.id, home: technician.home, shift: `${technician.start}–${technician.end}`, visits: visits.map((v) => ({ appointmentId: v.appointmentId, point: v.point, windowStart: v.windowStart, windowEnd: v.windowEnd, durationMinutes: v.durationMinutes })) });
      continue;
    }
    seconds += found.seconds;
    meters += found.meters;
  }
  return { travelMinutes: Math.round(seconds / 60), travelKm: Math.round(meters / 100) / 10, techniciansUsed: used, infeasible, infeasibleDays };
}

interface SizeFigures {
  technicians: number;
  visitsWanted: number;
  visitsBooked: number;
  requestsTurnedAway: number;
  seedSeconds: number;
  before: { techniciansUsed: number; travelMinutes: number; travelKm: number };
  /** The booked assignment in its best feasible order per technician (bestBookedOrder). */
  bookedBestOrder: { techniciansUsed: number; travelMinutes: number; travelKm: number; infeasible: number; infeasibleDays: unknown[] };
  /** Driving saved against bookedBestOrder, %. */
  travelSavingVsBestOrderPercent: number;
  /** Stops the service's "before" shows late (two visits of one window in an order booking did not plan). */
  beforeLateStops: number;
  after: { techniciansUsed: number; travelMinutes: number; travelKm: number };
  travelSavingPercent: number;
  distanceSavingPercent: number;
  unplaced: number;
  changes: number;
  previewSeconds: number;
  solver: { seed: number; iterations: number; elapsedMs: number };
  feasible: boolean;
  violations?: string[];
}

export const optimiseDayBenchmark: Benchmark = {
  name: 'optimise-day',
  description: '"Optimise day" through the service on days booked by customers (10/60, 20/120, 40/240 technicians/visits): technicians and driving before → after, seconds per preview, every route replayed',
  async run(args) {
    const settings = parseOptions(args);
    const started = performance.now();
    const machine = machineInfo();
    const loadBefore = os.loadavg()[0]!;
    if (loadBefore > 0.5 * machine.cpus) log(`the machine is busy (load average ${round(loadBefore)} on ${machine.cpus} cores): the solver gets less CPU and finds less in its time`);

    const database = await createBenchDatabase('sqlite', `optimise_${process.pid}`);
    const env = { ...database.env, NODE_ENV: 'production', LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0', PUBLIC_URL: 'http://127.0.0.1' };
    const config = loadConfig(env, { passwordHashCost: 2 ** 10 });
    const handle = createDb(config);
    const clock = new ManualClock(DAY.bookedAt);
    const app = await buildApp(config, { database: handle, clock });
    const figures: SizeFigures[] = [];
    try {
      for (const [index, size] of settings.sizes.entries()) {
        const label = `${size.technicians}×${size.visits}`;
        log(`${label}: customers booking the day through the portal (${database.where})`);
        const seedStarted = performance.now();
        await sql`pragma synchronous = off`.execute(handle.db);
        const day = await seedOptimiseDay(app, size, settings.seed * 1_000 + index);
        await sql`pragma synchronous = full`.execute(handle.db);
        await sql`analyze`.execute(handle.db);
        const seedSeconds = round((performance.now() - seedStarted) / 1000, 1);
        log(`${label}: ${day.visits.length} visits booked, ${day.turnedAway} requests found the day full, in ${seedSeconds} s; optimising`);

        const previewStarted = performance.now();
        const plan = await app.services.routeOptimisation.preview(day.dispatcher, { date: DAY.date, ...(settings.seconds !== null ? { timeLimitSeconds: settings.seconds } : {}) });
        const previewSeconds = round((performance.now() - previewStarted) / 1000, 2);

        const after = plan.technicians.map((t) => ({ id: t.id, stops: t.after.stops }));
        const violations = replay(day, after, true);
        const { totals } = plan;
        const bookedBestOrder = bestBookedOrder(day);
        const entry: SizeFigures = {
          technicians: size.technicians,
          visitsWanted: size.visits,
          visitsBooked: day.visits.length,
          requestsTurnedAway: day.turnedAway,
          seedSeconds,
          before: totals.before,
          bookedBestOrder,
          travelSavingVsBestOrderPercent: bookedBestOrder.travelMinutes > 0 ? round(((bookedBestOrder.travelMinutes - totals.after.travelMinutes) / bookedBestOrder.travelMinutes) * 100, 1) : 0,
          beforeLateStops: plan.technicians.reduce((sum, t) => sum + t.before.stops.filter((stop) => stop.late).length, 0),
          after: totals.after,
          travelSavingPercent: totals.travelSavingPercent,
          distanceSavingPercent: totals.before.travelKm > 0 ? round(((totals.before.travelKm - totals.after.travelKm) / totals.before.travelKm) * 100, 1) : 0,
          unplaced: plan.unplaced.length,
          changes: plan.changes.length,
          previewSeconds,
          solver: plan.solver,
          feasible: violations.length === 0,
          ...(violations.length > 0 ? { violations: violations.slice(0, 20) } : {}),
        };
        figures.push(entry);
        log(
          `${label}: technicians ${totals.before.techniciansUsed} → ${totals.after.techniciansUsed}, travel ${totals.before.travelMinutes} → ${totals.after.travelMinutes} min (${totals.travelSavingPercent}%), ${previewSeconds} s${entry.feasible ? '' : `; INFEASIBLE: ${violations.slice(0, 3).join('; ')}`}; booked day in its best order: ${bookedBestOrder.travelMinutes} min${entry.beforeLateStops > 0 ? `; ${entry.beforeLateStops} stops shown late in "before"` : ''}`,
        );
      }
    } finally {
      await app.close();
      await handle.destroy();
      await database.drop();
    }
    const totalSeconds = round((performance.now() - started) / 1000, 1);

    const arrow = (a: number, b: number) => `${a.toLocaleString('en-US')} → ${b.toLocaleString('en-US')}`;
    console.log(
      [
        '',
        `optimise-day — ${machine.cpus} CPU cores (${machine.cpuModel}), Node ${machine.node}; load average before: ${round(loadBefore)}; seed ${settings.seed}; time limit ${settings.seconds === null ? 'the service default' : `${settings.seconds} s`}; ${totalSeconds} s in all`,
        `Each day booked by customers on the portal (${DAY.date}, Austin metro, 2-hour windows); "before" is that booking's own assignment, measured in the same run.`,
        '',
        table(
          ['technicians × visits', 'booked', 'technicians used', 'travel min', 'travel km', 'driving saved %', 'km saved %', 'best order min', 'saved vs best order %', 'unplaced', 'changes', 'preview s', 'solver s', 'iterations', 'feasible'],
          figures.map((f) => [
            `${f.technicians} × ${f.visitsWanted}`,
            f.visitsBooked,
            arrow(f.before.techniciansUsed, f.after.techniciansUsed),
            arrow(f.before.travelMinutes, f.after.travelMinutes),
            `${f.before.travelKm.toFixed(1)} → ${f.after.travelKm.toFixed(1)}`,
            f.travelSavingPercent.toFixed(1),
            f.distanceSavingPercent.toFixed(1),
            f.bookedBestOrder.travelMinutes,
            f.travelSavingVsBestOrderPercent.toFixed(1),
            f.unplaced,
            f.changes,
            f.previewSeconds.toFixed(2),
            (f.solver.elapsedMs / 1000).toFixed(2),
            f.solver.iterations,
            f.feasible ? 'yes' : 'NO',
          ]),
        ),
        '',
        `"preview s": wall clock of RouteOptimisationService.preview (load the day, build, solve in a worker thread, store the plan); "solver s": the solver's own time in the worker.`,
        figures.every((f) => f.feasible) ? 'Every proposed route passed the independent replay (each visit once, skills, windows kept, travel + buffer, shift start and end at home).' : `INFEASIBLE: ${figures.filter((f) => !f.feasible).map((f) => `${f.technicians} × ${f.visitsWanted}`).join(', ')}`,
        `"best order min": the booked assignment with each technician's visits in their best feasible order (exhaustive search here), a stricter baseline than "before", which orders visits by window.`,
        ...(figures.some((f) => f.beforeLateStops > 0) ? [`"before" shows ${figures.map((f) => f.beforeLateStops).join(' / ')} stops late: two visits in one window listed in an order the booking did not plan.`] : []),
        ...(figures.some((f) => f.bookedBestOrder.infeasible > 0)
          ? [`Technicians whose booked day has no feasible order at all (left out of "best order min"; details in the JSON): ${figures.map((f) => f.bookedBestOrder.infeasible).join(' / ')}`]
          : []),
        ...(figures.some((f) => f.visitsBooked < f.visitsWanted) ? ['Some days filled up before every visit wanted was booked ("booked" < visits).'] : []),
      ].join('\n'),
    );

    const file = writeResults('optimise-day', {
      benchmark: 'optimise-day',
      description: optimiseDayBenchmark.description,
      date: new Date().toISOString(),
      machine: { ...machine, loadAverage1mBefore: round(loadBefore) },
      parameters: {
        sizes: settings.sizes,
        seed: settings.seed,
        timeLimitSeconds: settings.seconds ?? 'service default',
        allowWindowChanges: false,
        day: DAY,
        database: 'SQLite, a fresh file in a temporary directory; one company per size',
        booking:
          'one customer per request, spread uniformly over a 10 km disc; each asks the portal for the day’s windows (PortalService.availabilityForRequest), takes the offered one nearest the hour they prefer (08/10/12/14 with weights 35/30/20/15 %) and files the request with it (PortalService.submitRequest), until the day holds the visits wanted (at most 3× as many requests); services 30–90 min, some needing hvac/plumbing/gas',
        technicians: 'homes uniform over a 12 km disc; skills drawn (hvac 60 %, plumbing 50 %, gas 35 %, the first has all); hours 08–17 (70 %), 07–16, 09–18, 08–13',
        method: 'RouteOptimisationService.preview timed with performance.now(); the solver runs in a worker thread started per preview (from source under tsx here, so worker start-up includes compiling it)',
        feasibility: 'each technician’s "after" stops replayed from the seeded data: each booked visit exactly once, skills, arrival inside the booked window (unchanged), ≥ previous departure + travel (availability.travelSeconds) + buffer, leave home at shift start, home by shift end',
      },
      totalSeconds,
      results: figures,
    });
    console.log(`written to ${path.relative(process.cwd(), file)}`);
  },
};
