/**
 * `npm run bench -- live`: how fast a technician's position reaches the screens watching it. N
 * viewer streams (`GET /api/portal/jobs/:jobId/events` with a job link) spread over 500 en-route
 * jobs plus 20 consoles (`GET /api/events`), while the 500 technicians post their location through
 * `POST /api/technician/location` every 5 s (100 updates/s in all). Measured: delivery latency
 * (post sent → event read from each stream), events delivered vs expected, memory per open stream,
 * the server's CPU — next to a bare node:http SSE broadcaster with the same fan-out and the same
 * messages, in the same run.
 *
 * This process is the load generator (viewers and technicians); each server runs in its own.
 * `BENCH_LIVE_VIEWERS=1000,5000` picks the viewer counts, `BENCH_LIVE_SECONDS` the measured window;
 * `BENCH_LIVE_DATABASE=postgres` runs Arrivo on PostgreSQL (LISTEN/NOTIFY), plus `BENCH_LIVE_REDIS_URL=redis://…` for Redis pub/sub.
 */
import http from 'node:http';
import os from 'node:os';
import {
  createBenchDatabase,
  formatNumber,
  machineInfo,
  round,
  startServerProcess,
  table,
  writeResults,
  type Benchmark,
  type DatabaseKind,
  type ServerProcess,
} from './common.js';
import type { LiveServerMessage, ServerStats } from './live-server.js';
import type { LiveData, LiveJob } from './seed-live.js';

type ReadyMessage = Extract<LiveServerMessage, { type: 'ready' }>;

const PARAMETERS = {
  viewers: (process.env.BENCH_LIVE_VIEWERS || '1000,5000,10000').split(',').map((v) => Number(v.trim())).filter((v) => v > 0),
  consoles: 20,
  technicians: 500,
  updateEverySeconds: 5,
  warmupSeconds: Number(process.env.BENCH_LIVE_WARMUP_SECONDS || 5),
  durationSeconds: Number(process.env.BENCH_LIVE_SECONDS || 15),
  /** After the window, how long events of its last updates may still arrive. */
  drainSeconds: 3,
  /** Streams being opened at once. */
  openConcurrency: 100,
  /** Connections the technicians' posts share (keep-alive). */
  postConnections: 50,
  speedMetersPerSecond: 12,
};

const SERVER = new URL('./live-server.ts', import.meta.url);
const log = (message: string) => process.stderr.write(`  · ${message}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ------------------------------------------------------------------ what differs between the two servers

interface Target {
  label: string;
  port: number;
  statsPort: number;
  viewerPath(job: LiveJob): string;
  viewerHeaders(job: LiveJob): Record<string, string>;
  consolePath: string;
  consoleHeaders(index: number): Record<string, string>;
  postPath(job: LiveJob): string;
  postHeaders(job: LiveJob): Record<string, string>;
  postBody(job: LiveJob, point: Point): string;
}

interface Point {
  at: string;
  lat: number;
  lng: number;
  accuracy: number;
  speed: number;
  heading: number;
}

function arrivoTarget(ready: ReadyMessage, data: LiveData): Target {
  return {
    label: 'Arrivo',
    port: ready.port,
    statsPort: ready.statsPort,
    viewerPath: (job) => `/api/portal/jobs/${job.jobId}/events`,
    viewerHeaders: (job) => ({ cookie: job.viewerCookie }),
    consolePath: '/api/events',
    consoleHeaders: (i) => ({ cookie: data.consoleCookies[i % data.consoleCookies.length]! }),
    postPath: () => '/api/technician/location',
    postHeaders: (job) => ({ cookie: job.technicianCookie }),
    postBody: (job, point) => JSON.stringify({ appointmentId: job.appointmentId, points: [point] }),
  };
}

function baselineTarget(ready: ReadyMessage): Target {
  return {
    label: 'bare node:http',
    port: ready.port,
    statsPort: ready.statsPort,
    viewerPath: (job) => `/channels/${job.jobId}/events`,
    viewerHeaders: () => ({}),
    consolePath: '/all/events',
    consoleHeaders: () => ({}),
    postPath: (job) => `/channels/${job.jobId}`,
    postHeaders: () => ({}),
    // What Arrivo's `location` event carries, so both send the same bytes.
    postBody: (job, point) =>
      JSON.stringify({
        jobId: job.jobId,
        appointmentId: job.appointmentId,
        technicianId: job.technicianId,
        lat: point.lat,
        lng: point.lng,
        accuracy: point.accuracy,
        heading: point.heading,
        speed: point.speed,
        at: point.at,
        eta: { arrivalAt: point.at, minutes: 12 },
        arriving: false,
      }),
  };
}

// ------------------------------------------------------------------ the technicians' devices

/** Where each technician is: moving from the start point towards the address at a steady speed. */
class Fleet {
  private readonly position: { lat: number; lng: number }[];
  private lastAt: number[];

  constructor(private readonly jobs: LiveJob[]) {
    this.position = jobs.map((job) => ({ ...job.start }));
    this.lastAt = jobs.map(() => 0);
  }

  /** The technician's next point, stamped now (strictly after their previous one). */
  next(i: number): Point {
    const job = this.jobs[i]!;
    const here = this.position[i]!;
    const cosLat = Math.cos((here.lat * Math.PI) / 180);
    const dy = (job.destination.lat - here.lat) * 111_320;
    const dx = (job.destination.lng - here.lng) * 111_320 * cosLat;
    const distance = Math.hypot(dx, dy);
    const step = Math.min(distance, PARAMETERS.speedMetersPerSecond * PARAMETERS.updateEverySeconds);
    if (distance > 0) {
      here.lat += ((dy / distance) * step) / 111_320;
      here.lng += ((dx / distance) * step) / (111_320 * cosLat);
    }
    const heading = (((Math.atan2(dx, dy) * 180) / Math.PI) + 360) % 360;
    const at = Math.max(Date.now(), this.lastAt[i]! + 1);
    this.lastAt[i] = at;
    return { at: new Date(at).toISOString(), lat: round(here.lat, 6), lng: round(here.lng, 6), accuracy: 8, speed: PARAMETERS.speedMetersPerSecond, heading: round(heading, 1) };
  }
}

// ------------------------------------------------------------------ the viewers' streams

interface Delivery {
  /** performance.now() when the post was sent, and how many streams should get its event. */
  sentAt: number;
  expected: number;
  delivered: number;
  measured: boolean;
}

/** Every update posted, by `<jobId>|<at>`: the point's own time stamp identifies its event. */
class Ledger {
  readonly updates = new Map<string, Delivery>();
  latencies: number[] = [];
  unmatched = 0;
  duplicates = 0;

  received(jobId: string, at: string) {
    const now = performance.now();
    const update = this.updates.get(`${jobId}|${at}`);
    if (!update) {
      this.unmatched++;
      return;
    }
    update.delivered++;
    if (update.delivered > update.expected) this.duplicates++;
    if (update.measured) this.latencies.push(now - update.sentAt);
  }
}

interface OpenedStreams {
  requests: http.ClientRequest[];
  failed: number;
  firstError: string | null;
}

// PostgreSQL keeps payloads as jsonb, whose text puts a space after each colon.
const JOB_ID = /"jobId":\s*"([^"]+)"/;
const AT = /"at":\s*"([^"]+)"/;

/** Opens one SSE stream and feeds every `location` event it carries to the ledger. */
function openStream(target: Target, path: string, headers: Record<string, string>, ledger: Ledger): Promise<http.ClientRequest> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port: target.port, path, agent: false, headers: { ...headers, accept: 'text/event-stream' } });
    request.once('error', reject);
    request.once('response', (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        reject(new Error(`GET ${path} answered ${response.statusCode}`));
        return;
      }
      response.setEncoding('utf8');
      let buffer = '';
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!block.includes('event: location')) continue;
          const data = block.slice(block.indexOf('data: ') + 6);
          const jobId = JOB_ID.exec(data)?.[1];
          const at = AT.exec(data)?.[1];
          if (jobId && at) ledger.received(jobId, at);
        }
      });
      response.on('error', () => {});
      request.off('error', reject);
      request.on('error', () => {});
      resolve(request);
    });
    request.end();
  });
}

/** Opens `viewers` job streams round-robin over the jobs, and the consoles, a batch at a time. */
async function openStreams(target: Target, jobs: LiveJob[], viewers: number, consoles: number, ledger: Ledger): Promise<OpenedStreams & { perJob: number[] }> {
  const plan = [
    ...Array.from({ length: consoles }, (_, i) => ({ job: -1, path: target.consolePath, headers: target.consoleHeaders(i) })),
    ...Array.from({ length: viewers }, (_, i) => ({ job: i % jobs.length, path: target.viewerPath(jobs[i % jobs.length]!), headers: target.viewerHeaders(jobs[i % jobs.length]!) })),
  ];
  const perJob = jobs.map(() => 0);
  const result: OpenedStreams = { requests: [], failed: 0, firstError: null };
  let next = 0;
  await Promise.all(
    Array.from({ length: PARAMETERS.openConcurrency }, async () => {
      while (next < plan.length) {
        const item = plan[next++]!;
        try {
          result.requests.push(await openStream(target, item.path, item.headers, ledger));
          if (item.job >= 0) perJob[item.job]!++;
        } catch (error) {
          result.failed++;
          result.firstError ??= error instanceof Error ? error.message : String(error);
        }
      }
    }),
  );
  return { ...result, perJob };
}

// ------------------------------------------------------------------ one measurement

interface PostFigures {
  sent: number;
  ok: number;
  failed: number;
  firstError: string | null;
  /** Time from sending the post to its answer, ms. */
  responseP50: number;
  responseP99: number;
}

interface RunFigures {
  viewerStreamsRequested: number;
  viewerStreamsOpen: number;
  consoleStreamsOpen: number;
  streamsFailed: number;
  firstStreamError: string | null;
  openSeconds: number;
  updatesMeasured: number;
  updatesPerSecond: number;
  posts: PostFigures;
  deliveries: { expected: number; delivered: number; missing: number; duplicates: number; unmatched: number; eventsPerSecond: number };
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  memory: {
    before: { rssMb: number; heapMb: number };
    afterOpen: { rssMb: number; heapMb: number };
    afterWindow: { rssMb: number; heapMb: number };
    /** (after opening − before) ÷ streams open, after a full collection. */
    rssKbPerStream: number;
    heapKbPerStream: number;
    /** The same after the measured window: what the streams keep once events flowed. */
    heapKbPerStreamAfterWindow: number;
  };
  /** The server's CPU time during the measured window, % of one core. */
  serverCpuPercent: number;
  /** This (load-generating) process's CPU over the window, % of one core: near 100 it is the bottleneck. */
  clientCpuPercent: number;
}

const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);
const mb = (bytes: number) => round(bytes / 1024 ** 2, 1);

async function stats(target: Target, gc: boolean): Promise<ServerStats> {
  const response = await fetch(`http://127.0.0.1:${target.statsPort}/stats${gc ? '?gc=1' : ''}`);
  return (await response.json()) as ServerStats;
}

async function measure(target: Target, jobs: LiveJob[], fleet: Fleet, viewers: number): Promise<RunFigures> {
  const ledger = new Ledger();
  const before = await stats(target, true);
  const openStarted = performance.now();
  const opened = await openStreams(target, jobs, viewers, PARAMETERS.consoles, ledger);
  const openSeconds = (performance.now() - openStarted) / 1000;
  const consolesOpen = opened.requests.length - opened.perJob.reduce((a, b) => a + b, 0);
  const viewersOpen = opened.requests.length - consolesOpen;
  log(`${target.label}: ${formatNumber(viewersOpen)} viewer + ${consolesOpen} console streams open in ${round(openSeconds, 1)} s${opened.failed ? `, ${opened.failed} failed (${opened.firstError})` : ''}`);
  await sleep(500);
  const afterOpen = await stats(target, true);

  // ---- the technicians post, each every 5 s, spread evenly: 100 updates/s in all
  const agent = new http.Agent({ keepAlive: true, maxSockets: PARAMETERS.postConnections });
  const posts = { sent: 0, ok: 0, failed: 0, firstError: null as string | null, responseMs: [] as number[] };
  let measuring = false;
  const post = (i: number) => {
    const job = jobs[i]!;
    const point = fleet.next(i);
    const body = target.postBody(job, point);
    const update: Delivery = { sentAt: performance.now(), expected: opened.perJob[i]! + consolesOpen, delivered: 0, measured: measuring };
    ledger.updates.set(`${job.jobId}|${point.at}`, update);
    if (measuring) posts.sent++;
    const counted = measuring;
    const request = http.request(
      { host: '127.0.0.1', port: target.port, path: target.postPath(job), method: 'POST', agent, headers: { ...target.postHeaders(job), 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          if (!counted) return;
          posts.responseMs.push(performance.now() - update.sentAt);
          if (response.statusCode === 200 && !Buffer.concat(chunks).toString().includes('"rejected":[{')) posts.ok++;
          else {
            posts.failed++;
            update.expected = 0;
            posts.firstError ??= `${response.statusCode} ${Buffer.concat(chunks).toString().slice(0, 200)}`;
          }
        });
      },
    );
    request.on('error', (error) => {
      if (!counted) return;
      posts.failed++;
      update.expected = 0;
      posts.firstError ??= error.message;
    });
    request.end(body);
  };
  const periodMs = PARAMETERS.updateEverySeconds * 1000;
  const started = performance.now();
  let posted = 0;
  const ticker = setInterval(() => {
    // Technician i posts at i/500 of each period: due = how many posts should have gone by now.
    const due = Math.floor(((performance.now() - started) / periodMs) * jobs.length);
    while (posted < due) post(posted++ % jobs.length);
  }, 5);

  await sleep(PARAMETERS.warmupSeconds * 1000);
  const cpuStart = await stats(target, false);
  const clientCpuStart = process.cpuUsage();
  const windowStart = performance.now();
  measuring = true;
  await sleep(PARAMETERS.durationSeconds * 1000);
  measuring = false;
  const windowMs = performance.now() - windowStart;
  const cpuEnd = await stats(target, false);
  const clientCpu = process.cpuUsage(clientCpuStart);
  await sleep(PARAMETERS.drainSeconds * 1000);
  clearInterval(ticker);
  await sleep(300);
  agent.destroy();
  const afterWindow = await stats(target, true);

  // ---- close every stream and wait for the server to let go of them
  for (const request of opened.requests) request.destroy();
  for (let i = 0; i < 100 && (await stats(target, false)).streams > 0; i++) await sleep(100);

  const measured = [...ledger.updates.values()].filter((u) => u.measured);
  const expected = measured.reduce((sum, u) => sum + u.expected, 0);
  const delivered = measured.reduce((sum, u) => sum + Math.min(u.delivered, u.expected), 0);
  const latencies = ledger.latencies.sort((a, b) => a - b);
  const responses = posts.responseMs.sort((a, b) => a - b);
  const streams = Math.max(1, opened.requests.length);
  return {
    viewerStreamsRequested: viewers,
    viewerStreamsOpen: viewersOpen,
    consoleStreamsOpen: consolesOpen,
    streamsFailed: opened.failed,
    firstStreamError: opened.firstError,
    openSeconds: round(openSeconds, 1),
    updatesMeasured: measured.length,
    updatesPerSecond: round(measured.length / (windowMs / 1000), 1),
    posts: { sent: posts.sent, ok: posts.ok, failed: posts.failed, firstError: posts.firstError, responseP50: round(percentile(responses, 50)), responseP99: round(percentile(responses, 99)) },
    deliveries: { expected, delivered, missing: expected - delivered, duplicates: ledger.duplicates, unmatched: ledger.unmatched, eventsPerSecond: round(delivered / (windowMs / 1000), 0) },
    latencyMs: { p50: round(percentile(latencies, 50)), p90: round(percentile(latencies, 90)), p99: round(percentile(latencies, 99)), max: round(latencies.at(-1) ?? 0) },
    memory: {
      before: { rssMb: mb(before.rss), heapMb: mb(before.heapUsed) },
      afterOpen: { rssMb: mb(afterOpen.rss), heapMb: mb(afterOpen.heapUsed) },
      afterWindow: { rssMb: mb(afterWindow.rss), heapMb: mb(afterWindow.heapUsed) },
      rssKbPerStream: round((afterOpen.rss - before.rss) / 1024 / streams, 1),
      heapKbPerStream: round((afterOpen.heapUsed - before.heapUsed) / 1024 / streams, 1),
      heapKbPerStreamAfterWindow: round((afterWindow.heapUsed - before.heapUsed) / 1024 / streams, 1),
    },
    serverCpuPercent: round(((cpuEnd.cpuUser + cpuEnd.cpuSystem - cpuStart.cpuUser - cpuStart.cpuSystem) / 1000 / (cpuEnd.at - cpuStart.at)) * 100, 1),
    clientCpuPercent: round(((clientCpu.user + clientCpu.system) / 1000 / windowMs) * 100, 1),
  };
}

// ------------------------------------------------------------------ the benchmark

interface CaseFigures {
  viewers: number;
  arrivo: RunFigures;
  baseline: RunFigures;
  /** Arrivo ÷ bare node:http. */
  ratio: { p50: number; p99: number; heapPerStream: number; cpu: number };
}

const ratio = (a: number, b: number) => (b > 0 ? round(a / b, 1) : 0);

function rows(c: CaseFigures): (string | number)[][] {
  const row = (label: string, r: RunFigures) => [
    label,
    `${formatNumber(r.viewerStreamsOpen)}+${r.consoleStreamsOpen}`,
    r.updatesPerSecond,
    `${formatNumber(r.deliveries.delivered)}/${formatNumber(r.deliveries.expected)}`,
    r.latencyMs.p50,
    r.latencyMs.p99,
    r.latencyMs.max,
    r.memory.rssKbPerStream,
    r.memory.heapKbPerStream,
    r.serverCpuPercent,
    r.clientCpuPercent,
  ];
  return [
    row('bare node:http', c.baseline),
    row('Arrivo', c.arrivo),
    ['Arrivo ÷ bare', '', '', '', `${formatNumber(c.ratio.p50)}×`, `${formatNumber(c.ratio.p99)}×`, '', '', `${formatNumber(c.ratio.heapPerStream)}×`, `${formatNumber(c.ratio.cpu)}×`, ''],
  ];
}

export const liveBenchmark: Benchmark = {
  name: 'live',
  description: 'location updates fanned out to 1k–10k SSE viewers + 20 consoles vs a bare node:http SSE broadcaster (SQLite; BENCH_LIVE_DATABASE=postgres, BENCH_LIVE_REDIS_URL)',
  async run() {
    const started = performance.now();
    const machine = machineInfo();
    const loadBefore = os.loadavg()[0]!;
    const kind: DatabaseKind = process.env.BENCH_LIVE_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
    // On PostgreSQL the fan-out is LISTEN/NOTIFY, or Redis pub/sub with BENCH_LIVE_REDIS_URL.
    const redisUrl = kind === 'postgres' ? process.env.BENCH_LIVE_REDIS_URL || undefined : undefined;
    const setup = redisUrl ? `${kind} + Redis` : kind;
    const database = await createBenchDatabase(kind, `live${process.pid}`);
    const cases: CaseFigures[] = [];
    let arrivo: ServerProcess<ReadyMessage> | null = null;
    let baseline: ServerProcess<ReadyMessage> | null = null;
    let seedSeconds = 0;
    try {
      log(`${kind}: seeding ${PARAMETERS.technicians} technicians en route, their jobs and links, ${PARAMETERS.consoles} console sessions (${database.where})`);
      arrivo = await startServerProcess<ReadyMessage>(SERVER, ['arrivo', String(PARAMETERS.technicians), String(PARAMETERS.consoles)], { ...database.env, ...(redisUrl ? { REDIS_URL: redisUrl } : {}) });
      seedSeconds = round(arrivo.ready.seedSeconds ?? 0, 1);
      log(`${kind}: seeded in ${seedSeconds} s`);
      baseline = await startServerProcess<ReadyMessage>(SERVER, ['baseline'], {});
      const data = arrivo.ready.data!;
      const arrivoFleet = new Fleet(data.jobs);
      const baselineFleet = new Fleet(data.jobs);
      const targets = { arrivo: arrivoTarget(arrivo.ready, data), baseline: baselineTarget(baseline.ready) };
      for (const viewers of PARAMETERS.viewers) {
        log(`N = ${formatNumber(viewers)}: bare node:http`);
        const bare = await measure(targets.baseline, data.jobs, baselineFleet, viewers);
        log(`N = ${formatNumber(viewers)}: Arrivo`);
        const measured = await measure(targets.arrivo, data.jobs, arrivoFleet, viewers);
        const c: CaseFigures = {
          viewers,
          arrivo: measured,
          baseline: bare,
          ratio: {
            p50: ratio(measured.latencyMs.p50, bare.latencyMs.p50),
            p99: ratio(measured.latencyMs.p99, bare.latencyMs.p99),
            heapPerStream: ratio(measured.memory.heapKbPerStream, bare.memory.heapKbPerStream),
            cpu: ratio(measured.serverCpuPercent, bare.serverCpuPercent),
          },
        };
        cases.push(c);
        console.log(
          [
            '',
            `N = ${formatNumber(viewers)} viewers over ${PARAMETERS.technicians} jobs + ${PARAMETERS.consoles} consoles; ${PARAMETERS.durationSeconds} s measured after ${PARAMETERS.warmupSeconds} s warm-up`,
            table(['server', 'streams', 'updates/s', 'delivered/expected', 'p50 ms', 'p99 ms', 'max ms', 'RSS KB/stream', 'heap KB/stream', 'server CPU %', 'client CPU %'], rows(c)),
            ...[bare, measured].map(
              (r, i) =>
                `${i === 0 ? 'bare' : 'Arrivo'}: opened in ${r.openSeconds} s${r.streamsFailed ? ` (${r.streamsFailed} failed: ${r.firstStreamError})` : ''}; posts ${r.posts.ok}/${r.posts.sent} ok, answered p50 ${r.posts.responseP50} ms, p99 ${r.posts.responseP99} ms${r.posts.firstError ? ` (first failure: ${r.posts.firstError})` : ''}; RSS ${r.memory.before.rssMb} → ${r.memory.afterOpen.rssMb} → ${r.memory.afterWindow.rssMb} MB, heap ${r.memory.before.heapMb} → ${r.memory.afterOpen.heapMb} → ${r.memory.afterWindow.heapMb} MB (before → streams open → after the window; ${r.memory.heapKbPerStreamAfterWindow} KB heap/stream after); ${formatNumber(r.deliveries.eventsPerSecond)} events/s; ${r.deliveries.missing} missing, ${r.deliveries.duplicates} duplicates.`,
            ),
          ].join('\n'),
        );
      }
    } finally {
      await arrivo?.stop();
      await baseline?.stop();
      await database.drop();
    }
    console.log(
      [
        '',
        `live — ${machine.cpus} CPU cores (${machine.cpuModel}), ${machine.memoryGb} GB, Node ${machine.node}; ${setup}; load average (1 min) before: ${round(loadBefore)}`,
        `Latency: from just before a technician's POST is written to the moment a stream's event is parsed, both in this process (matched by job and the point's "at"); server, load generator and (for PostgreSQL) the database share ${machine.cpus} cores.`,
        'Memory per stream: (after opening − before), after a full GC, ÷ streams open (viewers + consoles). Server CPU: user+system during the measured window, % of one core.',
      ].join('\n'),
    );
    const file = writeResults(redisUrl ? 'live-postgres-redis' : kind === 'postgres' ? 'live-postgres' : 'live', {
      benchmark: 'live',
      description: liveBenchmark.description,
      date: new Date().toISOString(),
      machine: { ...machine, loadAverage1mBefore: round(loadBefore) },
      parameters: {
        ...PARAMETERS,
        database: kind,
        fanOut: kind === 'sqlite' ? 'in-process (log cursor)' : redisUrl ? 'Redis pub/sub' : 'PostgreSQL LISTEN/NOTIFY',
        seedSeconds,
        loadGenerator: 'this process (node:http clients, one connection per stream; technicians post over 50 keep-alive connections); each server in its own process',
        latency: "performance.now() just before the POST is written → when the stream's event is parsed, matched by jobId and the point's `at`; same process, same clock",
        viewers: 'job-link cookies (one link per job, shared by that job’s viewers), round-robin over the jobs',
        ratio: 'Arrivo ÷ bare node:http SSE broadcaster (same fan-out, same payloads, same rate), measured in the same run',
      },
      totalSeconds: round((performance.now() - started) / 1000, 1),
      results: cases,
    });
    console.log(`Figures written to ${file} (${round((performance.now() - started) / 1000, 1)} s in all).`);
  },
};
