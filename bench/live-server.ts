/**
 * The servers the `live` benchmark streams from, each in its own process (the viewers and the
 * technicians' devices are simulated in the parent):
 *
 *   tsx bench/live-server.ts arrivo <technicians> <consoles>   Arrivo on the database the environment names, seeded
 *   tsx bench/live-server.ts baseline                          a bare node:http SSE broadcaster
 *
 * Each also listens on a second port for the benchmark's own questions (`GET /stats?gc=1`: memory
 * after a full collection, CPU time used, open streams), so measuring never goes through the server
 * under test. Both report over the IPC channel and close on a "stop" message.
 */
import http from 'node:http';
import v8 from 'node:v8';
import vm from 'node:vm';
import { sql } from 'kysely';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { createDb } from '../src/server/db/create-db.js';
import { PinnableClock } from '../src/server/demo/demo-clock.js';
import { seedLiveData, type LiveData } from './seed-live.js';

export type LiveServerMessage =
  | { type: 'ready'; port: number; statsPort: number; seedSeconds?: number; data?: LiveData }
  | { type: 'failed'; error: string };

export interface ServerStats {
  rss: number;
  heapUsed: number;
  external: number;
  /** process.cpuUsage(), microseconds. */
  cpuUser: number;
  cpuSystem: number;
  /** performance.now() of this process, milliseconds. */
  at: number;
  streams: number;
}

const send = (message: LiveServerMessage) => process.send!(message);

// A full collection before reading the heap, so "memory per stream" is what stays, not garbage.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function onStop(close: () => Promise<void>) {
  process.on('message', (message: { type: string }) => {
    if (message.type !== 'stop') return;
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

async function statsServer(streams: () => number): Promise<number> {
  const server = http.createServer((request, response) => {
    if (request.url?.includes('gc=1')) {
      gc();
      gc();
    }
    const memory = process.memoryUsage();
    const cpu = process.cpuUsage();
    const stats: ServerStats = { rss: memory.rss, heapUsed: memory.heapUsed, external: memory.external, cpuUser: cpu.user, cpuSystem: cpu.system, at: performance.now(), streams: streams() };
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stats));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

async function arrivo(technicians: number, consoles: number) {
  const config = loadConfig({ ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0', PUBLIC_URL: 'http://127.0.0.1' }, { passwordHashCost: 2 ** 10 });
  const database = createDb(config);
  const clock = new PinnableClock();
  const app = await buildApp(config, { database, clock });
  const started = performance.now();
  let data: LiveData;
  // Seeding is set-up: SQLite skips the fsync of its commits meanwhile, then goes back to
  // Arrivo's own setting before the first location is posted (those commits are measured).
  if (database.kind === 'sqlite') await sql`pragma synchronous = off`.execute(database.db);
  try {
    data = await seedLiveData(app, clock, { technicians, consoles });
  } finally {
    clock.release();
    if (database.kind === 'sqlite') await sql`pragma synchronous = full`.execute(database.db);
  }
  const seedSeconds = (performance.now() - started) / 1000;
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('Arrivo did not listen on a TCP port');
  const statsPort = await statsServer(() => app.services.liveUpdates.openStreams);
  onStop(async () => {
    await app.close();
    await database.destroy();
  });
  send({ type: 'ready', port: address.port, statsPort, seedSeconds, data });
}

/**
 * The same fan-out with nothing else: `GET /channels/<id>/events` listens to one channel,
 * `GET /all/events` to every channel, `POST /channels/<id>` broadcasts its JSON body to both as an
 * SSE `location` event with a running id. No framework, no database, no authentication.
 */
async function baseline() {
  const channels = new Map<string, Set<http.ServerResponse>>();
  const everything = new Set<http.ServerResponse>();
  let nextId = 1;
  let open = 0;
  const server = http.createServer((request, response) => {
    const url = request.url ?? '';
    const listen = /^\/channels\/([^/]+)\/events$/.exec(url);
    if (request.method === 'GET' && (listen || url === '/all/events')) {
      response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' });
      response.write('retry: 3000\n\n');
      let set = everything;
      if (listen) {
        set = channels.get(listen[1]!) ?? new Set();
        channels.set(listen[1]!, set);
      }
      set.add(response);
      open++;
      response.once('close', () => {
        set.delete(response);
        open--;
      });
      return;
    }
    const publish = /^\/channels\/([^/]+)$/.exec(url);
    if (request.method === 'POST' && publish) {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        let payload: string;
        try {
          payload = JSON.stringify(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch {
          response.writeHead(400).end();
          return;
        }
        const event = `id: ${nextId++}\nevent: location\ndata: ${payload}\n\n`;
        for (const listener of channels.get(publish[1]!) ?? []) listener.write(event);
        for (const listener of everything) listener.write(event);
        const body = '{"accepted":1}';
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length }).end(body);
      });
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the baseline server did not listen on a TCP port');
  const statsPort = await statsServer(() => open);
  onStop(async () => {
    for (const listener of everything) listener.end();
    for (const set of channels.values()) for (const listener of set) listener.end();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  send({ type: 'ready', port: address.port, statsPort });
}

const [mode, technicians, consoles] = process.argv.slice(2);
(mode === 'baseline' ? baseline() : arrivo(Number(technicians ?? 500), Number(consoles ?? 20))).catch((error: unknown) => {
  send({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});
