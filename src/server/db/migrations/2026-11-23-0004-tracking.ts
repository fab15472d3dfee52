import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

/**
 * Live tracking keeps only what the map and the ETA need (decision: no history of where
 * technicians drove): each technician's latest position, the points of the trip under way (deleted
 * when the trip ends), and per trip the smoothed ETA and whether "running late" was recorded.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  // One row per technician, overwritten by each accepted point. `appointment_id` is the visit they
  // were driving to; it is cleared when that trip ends, so the position can no longer reach its customer.
  await db.schema
    .createTable('technician_positions')
    .addColumn('technician_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
    .addColumn('appointment_id', 'text', (c) => c.references('appointments.id').onDelete('set null'))
    .addColumn('lat', t.double, (c) => c.notNull())
    .addColumn('lng', t.double, (c) => c.notNull())
    .addColumn('accuracy', t.double, (c) => c.notNull())
    .addColumn('heading', t.double)
    .addColumn('speed', t.double)
    .addColumn('at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('technician_positions_company_idx').on('technician_positions').columns(['company_id', 'at']).execute();
  await db.schema.createIndex('technician_positions_appointment_idx').on('technician_positions').column('appointment_id').execute();

  // The active trip's recent points: the ETA's evidence of progress actually made.
  await db.schema
    .createTable('trip_points')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
    .addColumn('appointment_id', 'text', (c) => c.notNull().references('appointments.id').onDelete('cascade'))
    .addColumn('lat', t.double, (c) => c.notNull())
    .addColumn('lng', t.double, (c) => c.notNull())
    .addColumn('accuracy', t.double, (c) => c.notNull())
    .addColumn('at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('trip_points_appointment_idx').on('trip_points').columns(['appointment_id', 'at']).execute();

  // One row per trip under way: the smoothed ETA, and when "running late" was recorded (once).
  await db.schema
    .createTable('trip_etas')
    .addColumn('appointment_id', 'text', (c) => c.primaryKey().references('appointments.id').onDelete('cascade'))
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
    .addColumn('eta_at', t.timestamp)
    .addColumn('estimate_at', t.timestamp)
    .addColumn('arriving', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('running_late_at', t.timestamp)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('trip_etas').ifExists().execute();
  await db.schema.dropTable('trip_points').ifExists().execute();
  await db.schema.dropTable('technician_positions').ifExists().execute();
}
