/**
 * `npm run bench -- api`: requests per second and p99 latency of the two reads people make most —
 * the customer's job view and the dispatcher's job list — on SQLite and on PostgreSQL, each next
 * to a bare node:http server answering the same bytes, so the figures read as "how much of the
 * machine's HTTP capacity Arrivo keeps" rather than as numbers that only mean something here.
 */
import { createRequire } from 'node:module';
import os from 'node:os';
import {
  createBenchDatabase,
  formatNumber,
  loadTest,
  machineInfo,
  postgresReachable,
  POSTGRES_SERVER_URL,
  round,
  startServerProcess,
  table,
  writeResults,
  type BenchDatabase,
  type Benchmark,
  type DatabaseKind,
  type LoadFigures,
  type ServerProcess,
} from './common.js';
import type { ServerMessage } from './api-server.js';

type ReadyMessage = Extract<ServerMessage, { type: 'ready' }>;

const PARAMETERS = {
  connections: 20,
  durationSeconds: Number(process.env.BENCH_DURATION_SECONDS || 10),
  warmupSeconds: 2,
  pipelining: 1,
  jobsInCompany: 2000,
  jobListLimit: 50,
};

const SERVER = new URL('./api-server.ts', import.meta.url);

interface CaseFigures {
  endpoint: string;
  bodyBytes: number;
  arrivo: LoadFigures;
  baseline: LoadFigures;
  /** Arrivo ÷ bare node:http: below 1 for throughput, above 1 for latency. */
  ratio: { requestsPerSecond: number; p99: number };
}

interface DatabaseFigures {
  database: string;
  seedSeconds: number;
  jobs: number;
  jobView: { reference: string; status: string; timelineEntries: number };
  cases: { jobView: CaseFigures; jobList: CaseFigures };
}

const log = (message: string) => process.stderr.write(`  · ${message}\n`);

async function fetchBody(url: string, cookie: string): Promise<string> {
  const response = await fetch(url, { headers: { cookie } });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${body.slice(0, 300)}`);
  return body;
}

interface PreparedDatabase {
  kind: DatabaseKind;
  database: BenchDatabase;
  arrivo: ServerProcess<ReadyMessage>;
}

/** A fresh database and an Arrivo seeded on it, listening. */
async function prepare(kind: DatabaseKind, runLabel: string): Promise<PreparedDatabase> {
  const database = await createBenchDatabase(kind, runLabel);
  try {
    log(`${kind}: seeding ${formatNumber(PARAMETERS.jobsInCompany)} jobs through the services (${database.where})`);
    const arrivo = await startServerProcess<ReadyMessage>(SERVER, ['arrivo', String(PARAMETERS.jobsInCompany)], database.env);
    log(`${kind}: seeded in ${round(arrivo.ready.seedSeconds ?? 0, 1)} s`);
    return { kind, database, arrivo };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

async function measureDatabase({ kind, arrivo }: PreparedDatabase): Promise<DatabaseFigures> {
  const data = arrivo.ready.data!;
  const arrivoUrl = `http://127.0.0.1:${arrivo.ready.port}`;
  const viewPath = `/api/portal/jobs/${data.jobView.jobId}`;
  const listPath = `/api/jobs?limit=${PARAMETERS.jobListLimit}`;
  // The bare server answers exactly the bytes Arrivo answers.
  const bodies = { '/view': await fetchBody(arrivoUrl + viewPath, data.jobView.cookie), '/list': await fetchBody(arrivoUrl + listPath, data.dispatcherCookie) };
  const baseline = await startServerProcess<ReadyMessage>(SERVER, ['baseline'], {}, { type: 'bodies', bodies });
  try {
    const baselineUrl = `http://127.0.0.1:${baseline.ready.port}`;
    const options = { connections: PARAMETERS.connections, durationSeconds: PARAMETERS.durationSeconds, warmupSeconds: PARAMETERS.warmupSeconds };
    const measure = async (endpoint: string, arrivoTarget: string, cookie: string, baselineTarget: '/view' | '/list'): Promise<CaseFigures> => {
      log(`${kind}: bare node:http, ${baselineTarget} body`);
      const bare = await loadTest(baselineUrl + baselineTarget, options);
      log(`${kind}: ${endpoint}`);
      const measured = await loadTest(arrivoUrl + arrivoTarget, { ...options, headers: { cookie } });
      for (const [what, figures] of [
        ['Arrivo', measured],
        ['bare node:http', bare],
      ] as const) {
        if (figures.non2xx + figures.errors + figures.timeouts > 0) {
          throw new Error(`${kind} ${endpoint}: ${what} answered ${figures.non2xx} non-2xx, ${figures.errors} errors, ${figures.timeouts} timeouts`);
        }
      }
      return {
        endpoint,
        bodyBytes: Buffer.byteLength(bodies[baselineTarget]),
        arrivo: measured,
        baseline: bare,
        ratio: { requestsPerSecond: round(measured.requestsPerSecond / bare.requestsPerSecond, 3), p99: round(measured.latencyMs.p99 / bare.latencyMs.p99, 1) },
      };
    };
    const jobView = await measure('GET /api/portal/jobs/:jobId (customer session)', viewPath, data.jobView.cookie, '/view');
    const jobList = await measure(`GET /api/jobs?limit=${PARAMETERS.jobListLimit} (dispatcher session)`, listPath, data.dispatcherCookie, '/list');
    return {
      database: kind,
      seedSeconds: round(arrivo.ready.seedSeconds ?? 0, 1),
      jobs: data.jobs,
      jobView: { reference: data.jobView.reference, status: data.jobView.status, timelineEntries: data.jobView.timelineEntries },
      cases: { jobView, jobList },
    };
  } finally {
    await baseline.stop();
  }
}

function report(machine: ReturnType<typeof machineInfo>, results: DatabaseFigures[], skipped: string[], loadBefore: number) {
  const rows: (string | number)[][] = [];
  for (const r of results) {
    for (const c of [r.cases.jobView, r.cases.jobList]) {
      rows.push([r.database, 'bare node:http, same body', c.bodyBytes, c.baseline.requestsPerSecond, c.baseline.latencyMs.p50, c.baseline.latencyMs.p99, '', '']);
      rows.push([r.database, c.endpoint, c.bodyBytes, c.arrivo.requestsPerSecond, c.arrivo.latencyMs.p50, c.arrivo.latencyMs.p99, `${formatNumber(c.ratio.requestsPerSecond)}×`, `${formatNumber(c.ratio.p99)}×`]);
    }
  }
  const lines = [
    '',
    `api — ${machine.cpus} CPU cores (${machine.cpuModel}), ${machine.memoryGb} GB, Node ${machine.node}`,
    `autocannon: ${PARAMETERS.connections} connections, ${PARAMETERS.durationSeconds} s per case after a ${PARAMETERS.warmupSeconds} s warm-up; company with ${formatNumber(PARAMETERS.jobsInCompany)} jobs.`,
    `Only ${machine.cpus} cores: the load generator, the server${results.some((r) => r.database === 'postgres') ? ' and PostgreSQL' : ''} share them, so read the ratios more than the absolute figures.`,
    `Load average (1 min) before the run: ${round(loadBefore)}; p50/p99 in whole milliseconds, as autocannon records them.`,
    '',
    table(['database', 'endpoint', 'body bytes', 'req/s', 'p50 ms', 'p99 ms', 'req/s vs bare', 'p99 vs bare'], rows),
    ...results.map((r) => `${r.database}: seeded in ${r.seedSeconds} s; job view of ${r.jobView.reference} (${r.jobView.status}, ${r.jobView.timelineEntries} timeline entries).`),
    ...skipped.map((s) => `skipped: ${s}`),
    '',
  ];
  console.log(lines.join('\n'));
}

export const apiBenchmark: Benchmark = {
  name: 'api',
  description: "customer's job view and dispatcher's job list vs a bare node:http server, on SQLite and PostgreSQL",
  async run() {
    const started = performance.now();
    const machine = machineInfo();
    const runLabel = String(process.pid);
    // Anything else running on the machine moves the figures; the load average says whether it did.
    const loadBefore = os.loadavg();
    if (loadBefore[0]! > 0.5 * machine.cpus) log(`the machine is busy (load average ${round(loadBefore[0]!)} on ${machine.cpus} cores): the figures will be lower and noisier`);
    const results: DatabaseFigures[] = [];
    const skipped: string[] = [];
    const kinds: DatabaseKind[] = ['sqlite'];
    if (await postgresReachable()) kinds.push('postgres');
    else skipped.push(`PostgreSQL: nothing answers at ${POSTGRES_SERVER_URL} (set BENCH_POSTGRES_URL)`);
    // Both databases are seeded side by side (the slow part), then measured one after the other.
    const prepared = await Promise.allSettled(kinds.map((kind) => prepare(kind, runLabel)));
    const ready = prepared.flatMap((p) => (p.status === 'fulfilled' ? [p.value] : []));
    try {
      const failed = prepared.find((p): p is PromiseRejectedResult => p.status === 'rejected');
      if (failed) throw failed.reason;
      for (const database of ready) results.push(await measureDatabase(database));
    } finally {
      for (const { arrivo, database } of ready) {
        await arrivo.stop();
        await database.drop();
      }
    }
    report(machine, results, skipped, loadBefore[0]!);
    const file = writeResults('api', {
      benchmark: 'api',
      description: apiBenchmark.description,
      date: new Date().toISOString(),
      machine: { ...machine, loadAverage1mBefore: round(loadBefore[0]!) },
      parameters: {
        ...PARAMETERS,
        loadGenerator: `autocannon ${createRequire(import.meta.url)('autocannon/package.json').version}, in its own process; each server in another`,
        ratio: 'Arrivo ÷ bare node:http answering the same bytes, measured in the same run',
        seeding:
          'the demo company (40 customers, 68 jobs with full timelines) plus older jobs up to jobsInCompany, all through the services; the older jobs have notifications off; SQLite synchronous=OFF while seeding only, PostgreSQL synchronous_commit=off on the bench database (the measured reads commit nothing), VACUUM ANALYZE after seeding',
      },
      totalSeconds: round((performance.now() - started) / 1000, 1),
      results: Object.fromEntries(results.map((r) => [r.database, r])),
      skipped,
    });
    console.log(`Figures written to ${file} (${round((performance.now() - started) / 1000, 1)} s in all).`);
  },
};
