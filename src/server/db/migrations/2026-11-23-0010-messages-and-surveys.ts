import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  // A job's conversation between its customer's contacts and the company (not timeline notes).
  await db.schema
    .createTable('job_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
    .addColumn('job_id', 'text', (c) => c.notNull().references('jobs.id').onDelete('cascade'))
    .addColumn('author_kind', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('job_messages_job_idx').on('job_messages').columns(['job_id', 'created_at']).execute();

  // One row per conversation: what the inbox lists, and the team's read state (shared by the office).
  await db.schema
    .createTable('message_threads')
    .addColumn('job_id', 'text', (c) => c.primaryKey().references('jobs.id').onDelete('cascade'))
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
    .addColumn('last_message_at', t.timestamp, (c) => c.notNull())
    .addColumn('last_author_kind', 'text', (c) => c.notNull())
    .addColumn('last_author_name', 'text', (c) => c.notNull())
    .addColumn('last_preview', 'text', (c) => c.notNull())
    .addColumn('message_count', 'integer', (c) => c.notNull())
    .addColumn('unread_for_staff', 'integer', (c) => c.notNull())
    .addColumn('staff_read_at', t.timestamp)
    .execute();
  await db.schema.createIndex('message_threads_inbox_idx').on('message_threads').columns(['company_id', 'unread_for_staff', 'last_message_at']).execute();

  // The satisfaction survey: one answer per job, changeable for a while.
  await db.schema
    .createTable('survey_responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
    .addColumn('job_id', 'text', (c) => c.notNull().unique().references('jobs.id').onDelete('cascade'))
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text', (c) => c.notNull())
    .addColumn('rating', 'integer', (c) => c.notNull())
    .addColumn('would_recommend', 'integer')
    .addColumn('comment', 'text')
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('survey_responses_company_idx').on('survey_responses').columns(['company_id', 'updated_at']).execute();
  await db.schema.createIndex('survey_responses_rating_idx').on('survey_responses').columns(['company_id', 'rating', 'updated_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('survey_responses').execute();
  await db.schema.dropTable('message_threads').execute();
  await db.schema.dropTable('job_messages').execute();
}
