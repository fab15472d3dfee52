/**
 * The servers the `api` benchmark loads, each in its own process so the load generator (in the
 * parent) never shares an event loop with them:
 *
 *   tsx bench/api-server.ts arrivo     Arrivo on the database the environment names, seeded
 *   tsx bench/api-server.ts baseline   a bare node:http server answering fixed JSON bodies
 *
 * Both listen on 127.0.0.1, port 0, report over the IPC channel, and close on a "stop" message.
 */
import http from 'node:http';
import { sql } from 'kysely';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { createDb } from '../src/server/db/create-db.js';
import { PinnableClock } from '../src/server/demo/demo-clock.js';
import { seedBenchData, type BenchData } from './seed-bench.js';

export type ServerMessage =
  | { type: 'ready'; port: number; seedSeconds?: number; data?: BenchData }
  | { type: 'waiting' }
  | { type: 'failed'; error: string };

export type ParentMessage = { type: 'bodies'; bodies: Record<string, string> } | { type: 'stop' };

const send = (message: ServerMessage) => process.send!(message);

function onStop(close: () => Promise<void>) {
  process.on('message', (message: ParentMessage) => {
    if (message.type !== 'stop') return;
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

async function arrivo(totalJobs: number) {
  const config = loadConfig({ ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0', PUBLIC_URL: 'http://127.0.0.1' }, { passwordHashCost: 2 ** 10 });
  const database = createDb(config);
  const clock = new PinnableClock();
  const app = await buildApp(config, { database, clock });
  const started = performance.now();
  let data: BenchData;
  // Seeding is set-up, not what is measured: SQLite skips the fsync of each of its thousands of
  // commits meanwhile (PostgreSQL's bench database has synchronous_commit off for the same
  // reason), then goes back to Arrivo's setting before the first measured request. The reads
  // measured commit nothing, so neither setting changes them.
  if (database.kind === 'sqlite') await sql`pragma synchronous = off`.execute(database.db);
  try {
    data = await seedBenchData(app, clock, { totalJobs });
  } finally {
    clock.release();
    if (database.kind === 'sqlite') await sql`pragma synchronous = full`.execute(database.db);
  }
  const seedSeconds = (performance.now() - started) / 1000;
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('Arrivo did not listen on a TCP port');
  onStop(async () => {
    await app.close();
    await database.destroy();
  });
  send({ type: 'ready', port: address.port, seedSeconds, data });
}

async function baseline() {
  const bodies = await new Promise<Record<string, string>>((resolve) => {
    process.on('message', (message: ParentMessage) => {
      if (message.type === 'bodies') resolve(message.bodies);
    });
    // Only now is anyone listening for the bodies.
    send({ type: 'waiting' });
  });
  const buffers = new Map(Object.entries(bodies).map(([path, body]) => [path, Buffer.from(body)]));
  const server = http.createServer((request, response) => {
    const body = buffers.get(request.url ?? '');
    if (!body) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the baseline server did not listen on a TCP port');
  onStop(() => new Promise<void>((resolve) => server.close(() => resolve())));
  send({ type: 'ready', port: address.port });
}

const [mode, jobs] = process.argv.slice(2);
(mode === 'baseline' ? baseline() : arrivo(Number(jobs ?? 2000))).catch((error: unknown) => {
  send({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});
