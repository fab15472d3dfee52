/**
 * `npm run bench -- vrptw`: the route-optimisation solver on the Solomon VRPTW benchmark (56
 * instances of 100 customers), each solved in this process, one after the other, on one thread,
 * with a fixed time limit, next to the best-known solutions (BKS). The objective is hierarchical
 * (vehicles, then distance), so the distance gap is only shown where we use no more vehicles than
 * the BKS. The construction heuristic's result, measured in the same run, is the baseline.
 *
 * Options after the name: `--dir DIR` (any folder of instances in the Solomon text format; its
 * bks.csv is used if present), `--seconds N` per instance (default 10), `--seed N` (default 1),
 * `--only C101,R205`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkVrptwSolution } from '../src/server/modules/scheduling/vrptw/check-vrptw-solution.js';
import { parseSolomonInstance } from '../src/server/modules/scheduling/vrptw/solomon-format.js';
import { solveVrptw } from '../src/server/modules/scheduling/vrptw/vrptw-solver.js';
import { machineInfo, round, table, writeResults, type Benchmark } from './common.js';

const DEFAULT_DIR = fileURLToPath(new URL('./data/solomon/', import.meta.url));
const CLASSES = ['C1', 'C2', 'R1', 'R2', 'RC1', 'RC2'];

interface Settings {
  dir: string;
  seconds: number;
  seed: number;
  only: string[] | null;
}

/** This benchmark's options (`npm run bench -- vrptw --seconds 2 --only C101,R205`), as run.ts hands them over. */
function parseOptions(args: string[]): Settings {
  const settings: Settings = { dir: DEFAULT_DIR, seconds: 10, seed: 1, only: null };
  for (let index = 0; index < args.length; index += 2) {
    const option = args[index]!;
    const value = args[index + 1];
    if (value === undefined) throw new Error(`vrptw: ${option} needs a value`);
    if (option === '--dir') settings.dir = path.resolve(value);
    else if (option === '--seconds') settings.seconds = positiveNumber(option, value);
    else if (option === '--seed') settings.seed = Math.floor(positiveNumber(option, value, true));
    else if (option === '--only') settings.only = value.split(',').map((name) => name.trim().toUpperCase()).filter(Boolean);
    else throw new Error(`vrptw: unknown option ${option} (known: --dir DIR, --seconds N, --seed N, --only C101,R205)`);
  }
  return settings;
}

function positiveNumber(option: string, value: string, zeroAllowed = false): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0 || (!zeroAllowed && number === 0)) throw new Error(`vrptw: ${option} expects a ${zeroAllowed ? 'non-negative' : 'positive'} number, got "${value}"`);
  return number;
}

interface BestKnown {
  vehicles: number;
  distance: number;
}

/** bks.csv of the folder (columns instance, vehicles, distance, …), keyed by upper-case name. */
function readBestKnown(dir: string): Map<string, BestKnown> {
  const file = path.join(dir, 'bks.csv');
  const known = new Map<string, BestKnown>();
  if (!fs.existsSync(file)) return known;
  const [header, ...rows] = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const columns = header!.split(',');
  const at = (name: string) => columns.indexOf(name);
  for (const row of rows) {
    const cells = row.split(',');
    known.set(cells[at('instance')]!.toUpperCase(), { vehicles: Number(cells[at('vehicles')]), distance: Number(cells[at('distance')]) });
  }
  return known;
}

/** C1, C2, R1, R2, RC1 or RC2 from names such as C101, RC208 or rc1_2_1. */
function classOf(name: string): string {
  const match = /^(RC|R|C)(\d)/i.exec(name);
  return match ? `${match[1]!.toUpperCase()}${match[2]}` : 'other';
}

interface InstanceFigures {
  name: string;
  class: string;
  customers: number;
  vehicles: number;
  distance: number;
  seconds: number;
  feasible: boolean;
  violations?: string[];
  iterations: number;
  construction: { vehicles: number; distance: number };
  bks: BestKnown | null;
  vehicleDifference: number | null;
  /** Percent; only when vehicles ≤ BKS vehicles (the hierarchical objective). */
  gap: number | null;
  routes: number[][];
}

const mean = (values: number[]) => (values.length === 0 ? NaN : values.reduce((sum, value) => sum + value, 0) / values.length);
/** Fixed decimals as text, so the table does not drop them; "–" where there is no figure. */
const fixed = (value: number | null, digits = 2) => (value === null || Number.isNaN(value) ? '–' : (Math.abs(value) < 0.5 * 10 ** -digits ? 0 : value).toFixed(digits));
const signed = (value: number | null) => (value === null ? '–' : value > 0 ? `+${value}` : String(value));

interface GroupSummary {
  instances: number;
  vehicles: number;
  bksVehicles: number | null;
  averageVehicles: number;
  averageDistance: number;
  averageGap: number | null;
  instancesWithGap: number;
  constructionVehicles: number;
  constructionAverageDistance: number;
}

function summarise(figures: InstanceFigures[]): GroupSummary {
  const withBks = figures.filter((f) => f.bks !== null);
  const gaps = figures.filter((f) => f.gap !== null).map((f) => f.gap!);
  return {
    instances: figures.length,
    vehicles: figures.reduce((sum, f) => sum + f.vehicles, 0),
    bksVehicles: withBks.length === figures.length && figures.length > 0 ? withBks.reduce((sum, f) => sum + f.bks!.vehicles, 0) : null,
    averageVehicles: round(mean(figures.map((f) => f.vehicles))),
    averageDistance: round(mean(figures.map((f) => f.distance))),
    averageGap: gaps.length > 0 ? round(mean(gaps), 3) : null,
    instancesWithGap: gaps.length,
    constructionVehicles: figures.reduce((sum, f) => sum + f.construction.vehicles, 0),
    constructionAverageDistance: round(mean(figures.map((f) => f.construction.distance))),
  };
}

export const vrptwBenchmark: Benchmark = {
  name: 'vrptw',
  description: 'route optimisation (VRPTW solver) on the Solomon benchmark vs best-known solutions, one thread, fixed time per instance',
  async run(args) {
    const settings = parseOptions(args);
    const machine = machineInfo();
    const loadBefore = os.loadavg()[0]!;
    if (loadBefore > 0.5) process.stderr.write(`  · the machine is busy (load average ${round(loadBefore)}): the solver gets less CPU and finds less in its time\n`);
    const bestKnown = readBestKnown(settings.dir);
    const files = fs
      .readdirSync(settings.dir)
      .filter((file) => file.toLowerCase().endsWith('.txt'))
      .filter((file) => settings.only === null || settings.only.includes(path.basename(file, path.extname(file)).toUpperCase()))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    if (files.length === 0) throw new Error(`vrptw: no instance files in ${settings.dir}${settings.only ? ` matching ${settings.only.join(',')}` : ''}`);

    const started = performance.now();
    const figures: InstanceFigures[] = [];
    for (const file of files) {
      const problem = parseSolomonInstance(fs.readFileSync(path.join(settings.dir, file), 'utf8'), file);
      const name = path.basename(file, path.extname(file));
      const solution = solveVrptw(problem, { seed: settings.seed, timeLimitMs: settings.seconds * 1000 });
      const check = checkVrptwSolution(problem, solution);
      const bks = bestKnown.get(name.toUpperCase()) ?? null;
      const entry: InstanceFigures = {
        name,
        class: classOf(name),
        customers: problem.customers.length,
        vehicles: check.vehicles,
        distance: round(check.distance, 4),
        seconds: round(solution.elapsedMs / 1000),
        feasible: check.feasible,
        ...(check.feasible ? {} : { violations: check.violations }),
        iterations: solution.iterations,
        construction: { vehicles: solution.construction.vehicles, distance: round(solution.construction.distance, 4) },
        bks,
        vehicleDifference: bks ? check.vehicles - bks.vehicles : null,
        gap: bks && check.vehicles <= bks.vehicles ? ((check.distance - bks.distance) / bks.distance) * 100 : null,
        routes: solution.routes,
      };
      figures.push(entry);
      process.stderr.write(
        `  · ${name}: ${entry.vehicles} vehicles, ${round(entry.distance)}${bks ? ` (BKS ${bks.vehicles} / ${bks.distance}${entry.gap === null ? '' : `, gap ${round(entry.gap, 2)}%`})` : ''}${entry.feasible ? '' : ` INFEASIBLE: ${check.violations.join('; ')}`}\n`,
      );
    }
    const totalSeconds = round((performance.now() - started) / 1000, 1);

    console.log(
      table(
        ['instance', 'vehicles', 'BKS veh', 'Δ veh', 'distance', 'BKS distance', 'gap %', 'seconds', 'start veh', 'start distance', 'feasible'],
        figures.map((f) => [
          f.name,
          f.vehicles,
          f.bks ? f.bks.vehicles : '–',
          signed(f.vehicleDifference),
          fixed(f.distance),
          f.bks ? fixed(f.bks.distance) : '–',
          fixed(f.gap),
          f.seconds,
          f.construction.vehicles,
          fixed(f.construction.distance),
          f.feasible ? 'yes' : 'NO',
        ]),
      ),
    );

    const groups = [...CLASSES.filter((name) => figures.some((f) => f.class === name)), ...(figures.some((f) => f.class === 'other') ? ['other'] : [])];
    const classes = Object.fromEntries(groups.map((name) => [name, summarise(figures.filter((f) => f.class === name))]));
    const overall = summarise(figures);
    const summaryRow = (label: string, s: GroupSummary) => [
      label,
      s.instances,
      s.averageVehicles,
      s.vehicles,
      s.bksVehicles ?? '–',
      s.bksVehicles === null ? '–' : signed(s.vehicles - s.bksVehicles),
      fixed(s.averageDistance),
      fixed(s.averageGap, 2),
      `${s.instancesWithGap}/${s.instances}`,
      s.constructionVehicles,
      fixed(s.constructionAverageDistance),
    ];
    console.log('');
    console.log(
      table(
        ['class', 'instances', 'avg veh', 'total veh', 'BKS veh', 'Δ veh', 'avg distance', 'avg gap %', 'gap over', 'start veh', 'start avg distance'],
        [...groups.map((name) => summaryRow(name, classes[name]!)), summaryRow('all', overall)],
      ),
    );
    const infeasible = figures.filter((f) => !f.feasible).map((f) => f.name);
    console.log(
      [
        '',
        `vrptw — ${settings.seconds} s per instance, seed ${settings.seed}, one thread; ${machine.cpus} CPU cores (${machine.cpuModel}), Node ${machine.node}; ${totalSeconds} s in all`,
        `"gap %": distance above the BKS, averaged over the instances where we use no more vehicles than the BKS ("gap over" says how many).`,
        `"start": the regret-insertion construction in the same run, before any search.`,
        infeasible.length === 0 ? 'Every solution passed the independent feasibility check.' : `INFEASIBLE: ${infeasible.join(', ')}`,
      ].join('\n'),
    );

    const file = writeResults('vrptw', {
      benchmark: 'vrptw',
      description: vrptwBenchmark.description,
      date: new Date().toISOString(),
      machine: { ...machine, loadAverage1mBefore: round(loadBefore) },
      parameters: {
        dir: path.relative(process.cwd(), settings.dir) || '.',
        secondsPerInstance: settings.seconds,
        seed: settings.seed,
        only: settings.only,
        threads: 1,
        objective: 'hierarchical: vehicles, then total distance',
        distance: 'Euclidean, double precision, no rounding; travel time = distance',
        gap: '(distance - BKS distance) / BKS distance × 100, only where vehicles ≤ BKS vehicles',
        feasibility: 'checkVrptwSolution: every customer once, capacity, time windows (start of service), back by the horizon, vehicles ≤ maximum',
      },
      totalSeconds,
      summary: { classes, overall },
      instances: figures,
    });
    console.log(`Figures written to ${path.relative(process.cwd(), file)}`);
  },
};
