/** What every benchmark shares: the machine it ran on, load runs, tables, result files, databases. */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon, { type Result } from 'autocannon';
import pg from 'pg';
import { createDb } from '../src/server/db/create-db.js';
import { migrateToLatest } from '../src/server/db/migrate.js';

export interface Benchmark {
  name: string;
  description: string;
  /** `args`: the options given after the benchmark's name (`npm run bench -- vrptw --seconds 2`). */
  run(args: string[]): Promise<void>;
}

const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));

export function machineInfo() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    platform: `${os.type()} ${os.release()}`,
    arch: os.arch(),
    node: process.version,
  };
}

/** Writes a benchmark's figures to bench/results/<name>.json and returns the path. */
export function writeResults(name: string, figures: Record<string, unknown>): string {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.json`);
  fs.writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
  return file;
}

/** A plain-text table: columns padded, numbers right-aligned. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((row) => row.map((cell) => (typeof cell === 'number' ? formatNumber(cell) : cell)))];
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => String(row[i] ?? '').length)));
  const numeric = headers.map((_, i) => rows.every((row) => typeof row[i] === 'number' || /^[\d.,]+[×x]?$/.test(String(row[i] ?? ''))));
  const line = (row: (string | number)[]) => row.map((cell, i) => (numeric[i] ? String(cell).padStart(widths[i]!) : String(cell).padEnd(widths[i]!))).join('  ');
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value.toLocaleString('en-US', { maximumFractionDigits: value < 10 ? 2 : 1 });
}

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  headers?: Record<string, string>;
}

export interface LoadFigures {
  requestsPerSecond: number;
  latencyMs: { average: number; p50: number; p90: number; p99: number; max: number };
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  bytesPerResponse: number;
}

/** Loads one URL: a warm-up run whose figures are dropped, then the measured run. */
export async function loadTest(url: string, options: LoadOptions): Promise<LoadFigures> {
  const base = { url, connections: options.connections, pipelining: 1, timeout: 10, headers: options.headers ?? {} };
  if (options.warmupSeconds > 0) await autocannon({ ...base, duration: options.warmupSeconds });
  const result: Result = await autocannon({ ...base, duration: options.durationSeconds });
  return {
    requestsPerSecond: round(result.requests.average, 1),
    latencyMs: { average: round(result.latency.average), p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    bytesPerResponse: result.requests.total > 0 ? Math.round(result.throughput.total / result.requests.total) : 0,
  };
}

// ------------------------------------------------------------------ databases

export type DatabaseKind = 'sqlite' | 'postgres';

export interface BenchDatabase {
  kind: DatabaseKind;
  /** What the server process needs in its environment to open it. */
  env: Record<string, string>;
  where: string;
  drop(): Promise<void>;
}

/** PostgreSQL server the benchmarks make their databases on. */
export const POSTGRES_SERVER_URL = process.env.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432';

/** A fresh, migrated database for one benchmark run: a temporary SQLite file, or a new PostgreSQL database. */
export async function createBenchDatabase(kind: DatabaseKind, label: string): Promise<BenchDatabase> {
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `arrivo-bench-${label}-`));
    const file = path.join(dir, 'arrivo.db');
    const database = createDb({ database: { kind: 'sqlite', file } });
    await migrateToLatest(database.db);
    await database.destroy();
    return { kind, env: { DATA_DIR: dir, DATABASE_URL: '' }, where: file, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `arrivo_bench_${label}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: `${POSTGRES_SERVER_URL}/postgres` });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    // Seeding commits thousands of times; the measured reads commit nothing (see api-server.ts).
    await admin.query(`ALTER DATABASE ${name} SET synchronous_commit = off`);
  } finally {
    await admin.end();
  }
  const url = `${POSTGRES_SERVER_URL}/${name}`;
  const database = createDb({ database: { kind: 'postgres', url } });
  try {
    await migrateToLatest(database.db);
  } finally {
    await database.destroy();
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `arrivo-bench-${label}-`));
  return {
    kind,
    env: { DATABASE_URL: url, DATA_DIR: dataDir },
    where: `${POSTGRES_SERVER_URL.replace(/\/\/[^@]*@/, '//')}/${name}`,
    async drop() {
      fs.rmSync(dataDir, { recursive: true, force: true });
      const cleanup = new pg.Client({ connectionString: `${POSTGRES_SERVER_URL}/postgres` });
      await cleanup.connect();
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

/** Whether the PostgreSQL server answers, so a benchmark can say it skipped it rather than crash. */
export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: `${POSTGRES_SERVER_URL}/postgres`, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

// ------------------------------------------------------------------ server processes

export interface ServerProcess<T> {
  ready: T;
  send(message: unknown): void;
  stop(): Promise<void>;
}

/**
 * Forks a TypeScript file (with the same tsx loader as this process) and waits for its first
 * "ready" message; "failed" or an early exit reject. A child that says "waiting" is sent `input`.
 */
export function startServerProcess<T extends { type: string }>(file: URL, args: string[], env: Record<string, string>, input?: unknown): Promise<ServerProcess<T>> {
  const child: ChildProcess = fork(fileURLToPath(file), args, { execArgv: process.execArgv, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`${path.basename(fileURLToPath(file))} ${args.join(' ')} exited with ${code} before it was ready`));
    child.once('exit', onExit);
    child.on('message', (message: T & { error?: string }) => {
      if (message.type === 'failed') {
        reject(new Error(message.error));
        return;
      }
      if (message.type === 'waiting') {
        child.send(input as never);
        return;
      }
      if (message.type !== 'ready') return;
      child.off('exit', onExit);
      resolve({
        ready: message,
        send: (m) => child.send(m as never),
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(timer);
              done();
            });
            child.send({ type: 'stop' });
          }),
      });
    });
  });
}
