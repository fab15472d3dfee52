import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { loadConfig, type Config } from '../../src/server/config.js';
import { createDb } from '../../src/server/db/create-db.js';
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

/**
 * A full Arrivo on the run's database kind, with a clock the test moves and the passwords' hash
 * cost lowered so sign-ins stay quick.
 */
export async function createTestApp(options: { env?: Record<string, string>; mailer?: Mailer; clock?: ManualClock } = {}): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'arrivo-test-'));
  const databaseUrl = inject('databaseUrl');
  const template = inject('sqliteTemplate');
  const env: Record<string, string> = { NODE_ENV: 'test', DATA_DIR: dataDir, PUBLIC_URL: 'http://arrivo.test', ...options.env };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else fs.copyFileSync(template!, path.join(dataDir, 'arrivo.db'));
  const config = loadConfig(env, { passwordHashCost: 2 ** 10 });
  const database = createDb(config);
  const clock = options.clock ?? new ManualClock(TEST_NOW);
  const app = await buildApp(config, { database, clock, mailer: options.mailer ?? silentMailer() });
  return {
    app,
    clock,
    config,
    db: database.db,
    dbKind: database.kind,
    async close() {
      await app.close();
      await database.destroy();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
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
