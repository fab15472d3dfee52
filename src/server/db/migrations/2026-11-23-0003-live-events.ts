import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  // What the live streams sent in the last 24 hours, so a client that reconnects with
  // Last-Event-ID is replayed what it missed (decision 008). The id is the event id on the wire:
  // a number that increases, hence autoincrement on SQLite and an identity column on PostgreSQL.
  await db.schema
    .createTable('live_events')
    .addColumn('id', t.postgres ? 'bigint' : 'integer', (c) =>
      t.postgres ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
    .addColumn('job_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    // 'customer': the job's contacts may see it; 'staff': only staff (internal notes, positions
    // sent when the job was not en route).
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('payload', t.json, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('live_events_company_idx').on('live_events').columns(['company_id', 'id']).execute();
  await db.schema.createIndex('live_events_job_idx').on('live_events').columns(['job_id', 'id']).execute();
  await db.schema.createIndex('live_events_created_idx').on('live_events').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('live_events').ifExists().execute();
}
