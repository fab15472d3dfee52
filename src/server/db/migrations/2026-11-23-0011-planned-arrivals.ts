import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

/**
 * Route optimisation (docs/route-optimisation.md): the proposals of "Optimise day", and each
 * visit's planned position and arrival in its technician's route once a proposal is applied.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('route_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('proposal', t.json, (c) => c.notNull())
    // No foreign key to users: removing a user never rewrites history.
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('applied_at', t.timestamp)
    .addColumn('applied_by', 'text')
    .execute();
  await db.schema.createIndex('route_plans_company_date_idx').on('route_plans').columns(['company_id', 'date']).execute();

  await db.schema
    .createTable('planned_stops')
    .addColumn('appointment_id', 'text', (c) => c.primaryKey().references('appointments.id').onDelete('cascade'))
    .addColumn('company_id', 'text', (c) => c.notNull().references('companies.id').onDelete('cascade'))
    .addColumn('plan_id', 'text', (c) => c.notNull().references('route_plans.id').onDelete('cascade'))
    .addColumn('technician_id', 'text', (c) => c.notNull())
    .addColumn('window_start', t.timestamp, (c) => c.notNull())
    .addColumn('route_position', 'integer', (c) => c.notNull())
    .addColumn('planned_arrival_at', t.timestamp, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('planned_stops_company_technician_idx').on('planned_stops').columns(['company_id', 'technician_id', 'planned_arrival_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('planned_stops').ifExists().execute();
  await db.schema.dropTable('route_plans').ifExists().execute();
}
