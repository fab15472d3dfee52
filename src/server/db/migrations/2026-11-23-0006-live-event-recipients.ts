import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // An in-app notification is a live event for one person only: 'user:<id>' or 'contact:<id>'.
  // Other events leave it empty and go by company, job and audience as before.
  await db.schema.alterTable('live_events').addColumn('recipient', 'text').execute();
  await db.schema.createIndex('live_events_recipient_idx').on('live_events').columns(['recipient', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('live_events_recipient_idx').execute();
  await db.schema.alterTable('live_events').dropColumn('recipient').execute();
}
