import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { loadConfig, type Config } from '../../src/server/config.js';
import { createDb } from '../../src/server/db/create-db.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { ManualClock } from '../../src/server/lib/clock.js';
import type { Mailer } from '../../src/server/modules/notifications/mailer.js';

export interface TestApp {
  app: FastifyInstance;
  clock: ManualClock;
  config: Config;
  db: FastifyInstance['database']['db'];
  dbKind: 'sqlite' | 'postgres';
  close(): Promise<void>;
}

/** The start of every test's day: Tuesday 13 January 2026, 09:00 UTC. */
export const TEST_NOW = '2026-01-13T09:00:00.000Z';

export interface TestAppOptions {
  env?: Record<string, string>;
  mailer?: Mailer;
  clock?: ManualClock;
  /** Use the app's own mailer (SMTP when env.SMTP_URL is set) instead of the silent one. */
  realMailer?: boolean;
  /**
   * On PostgreSQL, a database of its own instead of the run's shared one, for tests that need an
   * empty installation (first-run set-up). SQLite apps always get a fresh file anyway.
   */
  isolatedDatabase?: boolean;
}

/**
 * A full Arrivo on the run's database kind, with a clock the test moves and the passwords' hash
 * cost lowered so sign-ins stay quick.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'arrivo-test-'));
  let databaseUrl = inject('databaseUrl');
  const template = inject('sqliteTemplate');
  const isolated = databaseUrl && options.isolatedDatabase ? await createIsolatedDatabase(databaseUrl) : undefined;
  if (isolated) databaseUrl = isolated.url;
  // Secure cookies as in production (behind https), though the test address is plain http.
  const env: Record<string, string> = { NODE_ENV: 'test', DATA_DIR: dataDir, PUBLIC_URL: 'http://arrivo.test', COOKIE_SECURE: 'true', ...options.env };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else fs.copyFileSync(template!, path.join(dataDir, 'arrivo.db'));
  const config = loadConfig(env, { passwordHashCost: 2 ** 10 });
  const database = createDb(config);
  const clock = options.clock ?? new ManualClock(TEST_NOW);
  const mailer = options.realMailer ? undefined : (options.mailer ?? silentMailer());
  const app = await buildApp(config, { database, clock, ...(mailer ? { mailer } : {}) });
  return {
    app,
    clock,
    config,
    db: database.db,
    dbKind: database.kind,
    async close() {
      await app.close();
      await database.destroy();
      await isolated?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh, migrated PostgreSQL database next to the run's one; dropped by the returned function. */
async function createIsolatedDatabase(runUrl: string) {
  const name = `arrivo_test_isolated_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: runUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(runUrl);
  url.pathname = `/${name}`;
  const database = createDb({ database: { kind: 'postgres', url: url.toString() } });
  await migrateToLatest(database.db);
  await database.destroy();
  const connections = async () => {
    const client = new pg.Client({ connectionString: runUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1', [name]);
      return Number(rows[0]?.n ?? 0);
    } finally {
      await client.end();
    }
  };
  const drop = async () => {
    // The app's pool may still be saying goodbye: forcing it off the database now would make its
    // clients raise "terminating connection" errors nobody listens to any more.
    for (let i = 0; i < 40 && (await connections()) > 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
  return { url: url.toString(), drop };
}

/** A mailer that keeps what it would send, for tests that do not need a real SMTP server. */
export function silentMailer(): Mailer & { sent: { to: string; subject: string; text: string }[] } {
  const sent: { to: string; subject: string; text: string }[] = [];
  return {
    sent,
    async send(message) {
      sent.push(message);
    },
    close() {},
  };
}
