import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

/**
 * Dispatch rules (docs/dispatch-rules.md): per company, whether visits are assigned automatically
 * and by which rules; on each visit, how its technician was chosen; on each customer, the
 * technician they prefer. A company without a row assigns with the default rules.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('dispatch_rules')
    .addColumn('company_id', 'text', (c) => c.primaryKey().references('companies.id').onDelete('cascade'))
    .addColumn('auto_assign_new_requests', 'integer', (c) => c.notNull())
    .addColumn('auto_assign_bookings', 'integer', (c) => c.notNull())
    // JSON array of rules in priority order: { key, enabled, weight, mode?, … }.
    .addColumn('rules', t.json, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  // 'auto' (the rules), 'customer' (chosen when booking), 'manual' (a dispatcher); null on visits
  // booked before this existed.
  await db.schema.alterTable('appointments').addColumn('assignment_method', 'text').execute();
  await db.schema.alterTable('appointments').addColumn('assignment_reason', 'text').execute();
  // The user who assigned by hand; no foreign key, so removing a user never rewrites history.
  await db.schema.alterTable('appointments').addColumn('assigned_by', 'text').execute();

  await db.schema
    .alterTable('customers')
    .addColumn('preferred_technician_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('customers').dropColumn('preferred_technician_id').execute();
  for (const column of ['assigned_by', 'assignment_reason', 'assignment_method']) await db.schema.alterTable('appointments').dropColumn(column).execute();
  await db.schema.dropTable('dispatch_rules').ifExists().execute();
}
