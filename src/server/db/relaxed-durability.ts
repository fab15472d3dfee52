import { sql } from 'kysely';
import type { DatabaseKind, Db, Trx } from './database.js';

/**
 * Runs a transaction whose commit may be lost to a power cut or an OS crash, never to a crash of
 * Arrivo itself, and never half: for data the next write replaces anyway (a technician's
 * position arrives every few seconds). The commit then does not wait for the disk:
 * - SQLite (WAL): `synchronous = NORMAL` for this transaction only. Its commit skips the fsync;
 *   the next ordinary commit's fsync makes it durable along with everything before it.
 * - PostgreSQL: `SET LOCAL synchronous_commit = off`, PostgreSQL's asynchronous commit.
 * On SQLite the fsync blocks the event loop (better-sqlite3 is synchronous), so this is what keeps
 * a stream of positions from stalling every open screen (bench: `npm run bench -- live`).
 */
export async function relaxedDurabilityTransaction<T>(db: Db, kind: DatabaseKind, work: (trx: Trx) => Promise<T>): Promise<T> {
  if (kind === 'postgres') {
    return db.transaction().execute(async (trx) => {
      await sql`set local synchronous_commit = off`.execute(trx);
      return work(trx);
    });
  }
  // One connection: holding it keeps any other transaction from committing under the relaxed setting.
  return db.connection().execute(async (connection) => {
    await sql`pragma synchronous = NORMAL`.execute(connection);
    try {
      return await connection.transaction().execute(work);
    } finally {
      await sql`pragma synchronous = ${sql.raw(SQLITE_SYNCHRONOUS)}`.execute(connection);
    }
  });
}

/** Every ordinary SQLite commit waits for the disk (create-db.ts sets it when the connection opens). */
export const SQLITE_SYNCHRONOUS = 'FULL';
