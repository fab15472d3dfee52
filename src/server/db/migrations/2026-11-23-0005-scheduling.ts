import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

/**
 * Self-scheduling (decision 010): when each technician works, when they are off, which territories
 * they serve, and the company's booking policy. Nothing here is required: a technician without
 * working hours works the default week, one without territories serves everywhere, and a company
 * without a policy row books with the defaults (scheduling/booking-policy.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  // One row per interval: a weekday may have several (a split shift). Minutes after local midnight
  // in the company's time zone, so "08:00" stays 08:00 across daylight-saving changes.
  await db.schema
    .createTable('technician_working_hours')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
    .addColumn('technician_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('weekday', 'integer', (c) => c.notNull())
    .addColumn('start_minute', 'integer', (c) => c.notNull())
    .addColumn('end_minute', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('technician_working_hours_technician_idx').on('technician_working_hours').columns(['company_id', 'technician_id']).execute();

  // Instants, not local times: time off is "from Tuesday 13:00 to Friday", whatever the zone.
  await db.schema
    .createTable('technician_time_off')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
    .addColumn('technician_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('starts_at', t.timestamp, (c) => c.notNull())
    .addColumn('ends_at', t.timestamp, (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('technician_time_off_technician_idx').on('technician_time_off').columns(['company_id', 'technician_id', 'starts_at']).execute();

  await db.schema
    .createTable('territories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    // JSON array of postal codes; an entry ending in * matches a prefix ("787*").
    .addColumn('postal_codes', t.json, (c) => c.notNull())
    // JSON array of [lat, lng] vertices, or null.
    .addColumn('polygon', t.json)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('territories_company_name_uq', ['company_id', 'name'])
    .execute();

  await db.schema
    .createTable('technician_territories')
    .addColumn('technician_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('territory_id', 'text', (c) => c.notNull().references('territories.id').onDelete('cascade'))
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('technician_territories_pk', ['technician_id', 'territory_id'])
    .execute();
  await db.schema.createIndex('technician_territories_company_idx').on('technician_territories').columns(['company_id', 'territory_id']).execute();

  await db.schema
    .createTable('booking_policies')
    .addColumn('company_id', 'text', (c) => c.primaryKey().references('companies.id').onDelete('cascade'))
    .addColumn('window_minutes', 'integer', (c) => c.notNull())
    .addColumn('lead_time_minutes', 'integer', (c) => c.notNull())
    .addColumn('horizon_days', 'integer', (c) => c.notNull())
    .addColumn('reschedule_cutoff_minutes', 'integer', (c) => c.notNull())
    .addColumn('cancel_cutoff_minutes', 'integer', (c) => c.notNull())
    .addColumn('buffer_minutes', 'integer', (c) => c.notNull())
    .addColumn('customer_may_choose_technician', 'integer', (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['booking_policies', 'technician_territories', 'territories', 'technician_time_off', 'technician_working_hours']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
