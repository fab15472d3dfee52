import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import type { Config } from '../config.js';
import type { Database, DatabaseKind } from './database.js';
import { SQLITE_SYNCHRONOUS } from './relaxed-durability.js';

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** Closes every connection. */
  destroy(): Promise<void>;
}

// Both databases hand back the same JS shapes: instants as ISO-8601 strings, JSON as text,
// counts as numbers. Repositories then need no dialect branches when reading rows.
const TIMESTAMPTZ_OID = 1184;
const JSONB_OID = 3802;
const INT8_OID = 20;
const NUMERIC_OID = 1700;

function pgTypeParser(oid: number, format?: string): (value: string) => unknown {
  if (oid === TIMESTAMPTZ_OID) return (value) => new Date(value).toISOString();
  if (oid === JSONB_OID) return (value) => value;
  if (oid === INT8_OID || oid === NUMERIC_OID) return (value) => Number(value);
  return pg.types.getTypeParser(oid, format as 'text');
}

export function createDb(config: Pick<Config, 'database'>): DatabaseHandle {
  if (config.database.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: config.database.url,
      max: 10,
      types: { getTypeParser: pgTypeParser } as pg.CustomTypesConfig,
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', destroy: () => db.destroy() };
  }

  const file = config.database.file;
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL lets readers run beside the writer; FULL makes every commit durable; SQLite leaves
  // foreign keys off unless asked; busy_timeout waits for a lock instead of failing at once.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${SQLITE_SYNCHRONOUS}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, kind: 'sqlite', destroy: () => db.destroy() };
}

/** How many prepared statements a SQLite connection keeps; the app issues a few hundred distinct ones. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew, and preparing costs as much as running a small query. Queries
 * come from a fixed set of builders, so the same SQL text recurs: keep its prepared statement
 * (least recently used dropped first). Safe because Kysely runs one query at a time on the
 * connection and never leaves a statement mid-iteration.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      let statement = statements.get(text);
      if (statement) {
        statements.delete(text);
      } else {
        statement = sqlite.prepare(text);
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
      }
      statements.set(text, statement);
      return statement;
    },
  };
}
