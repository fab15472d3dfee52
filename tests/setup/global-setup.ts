import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDb } from '../../src/server/db/create-db.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set when the suite runs on PostgreSQL: a fresh database made for this run. */
    databaseUrl: string | undefined;
    /** Set when the suite runs on SQLite: a migrated database file each test copies. */
    sqliteTemplate: string | undefined;
  }
}

/**
 * Prepares one database for the whole run. On SQLite, a migrated template file that each test app
 * copies (a fresh database per app in milliseconds). On PostgreSQL (DATABASE_URL set), a fresh
 * database for this run, dropped at the end; tests share it safely because each one makes its own
 * companies, and nothing of one company is visible to another.
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const name = `arrivo_test_${Date.now()}_${process.pid}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const database = createDb({ database: { kind: 'postgres', url: url.toString() } });
    await migrateToLatest(database.db);
    await database.destroy();
    project.provide('databaseUrl', url.toString());
    project.provide('sqliteTemplate', undefined);
    return async () => {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    };
  }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arrivo-template-'));
  const file = path.join(dir, 'template.db');
  const database = createDb({ database: { kind: 'sqlite', file } });
  await migrateToLatest(database.db);
  await database.destroy();
  project.provide('databaseUrl', undefined);
  project.provide('sqliteTemplate', file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
