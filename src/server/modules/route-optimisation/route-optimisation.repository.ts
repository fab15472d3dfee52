import type { Insertable } from 'kysely';
import type { Executor, Trx } from '../../db/database.js';
import type { PlannedStopsTable, RoutePlansTable } from './route-optimisation.table.js';

/** Visit statuses a day's routes are made of: booked, under way, or done. */
export const DAY_VISIT_STATUSES = ['scheduled', 'en_route', 'in_progress', 'paused', 'completed'] as const;

/**
 * The visits whose window starts in [from, to), with what planning needs: place, duration,
 * skills, and what the apply check compares (status, technician, window, last change). Visits of
 * technicians outside `technicianIds` are left out; unassigned visits are always in.
 */
export function listDayVisits(db: Executor, companyId: string, range: { from: string; to: string }, technicianIds?: readonly string[]) {
  let query = db
    .selectFrom('appointments')
    .innerJoin('jobs', 'jobs.id', 'appointments.job_id')
    .innerJoin('locations', 'locations.id', 'jobs.location_id')
    .innerJoin('customers', 'customers.id', 'jobs.customer_id')
    .innerJoin('service_categories', 'service_categories.id', 'jobs.category_id')
    .select([
      'appointments.id',
      'appointments.job_id',
      'appointments.technician_id',
      'appointments.window_start',
      'appointments.window_end',
      'appointments.status',
      'appointments.started_at',
      'appointments.completed_at',
      'appointments.updated_at',
      'jobs.reference',
      'jobs.status as job_status',
      'jobs.current_appointment_id',
      'customers.name as customer_name',
      'locations.id as location_id',
      'locations.line1',
      'locations.line2',
      'locations.city',
      'locations.postal_code',
      'locations.lat',
      'locations.lng',
      'service_categories.default_duration_minutes',
      'service_categories.required_skills',
    ])
    .where('appointments.company_id', '=', companyId)
    .where('jobs.company_id', '=', companyId)
    .where('appointments.window_start', '>=', range.from)
    .where('appointments.window_start', '<', range.to)
    .where('appointments.status', 'in', [...DAY_VISIT_STATUSES]);
  if (technicianIds) query = query.where((eb) => eb.or([eb('appointments.technician_id', 'is', null), eb('appointments.technician_id', 'in', technicianIds)]));
  return query.orderBy('appointments.window_start').orderBy('appointments.id').execute();
}

export type DayVisitRow = Awaited<ReturnType<typeof listDayVisits>>[number];

export const insertRoutePlan = (db: Executor, row: Insertable<RoutePlansTable>) => db.insertInto('route_plans').values(row).execute();

export const findRoutePlan = (db: Executor, companyId: string, planId: string) => db.selectFrom('route_plans').selectAll().where('company_id', '=', companyId).where('id', '=', planId).executeTakeFirst();

/** Marks a plan applied unless it already was: false when another apply got there first. */
export async function markRoutePlanApplied(trx: Trx, companyId: string, planId: string, at: string, by: string): Promise<boolean> {
  const result = await trx.updateTable('route_plans').set({ applied_at: at, applied_by: by }).where('company_id', '=', companyId).where('id', '=', planId).where('applied_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Replaces the planned stops of some visits (a visit has at most one). */
export async function replacePlannedStops(trx: Trx, companyId: string, rows: Insertable<PlannedStopsTable>[]) {
  if (rows.length === 0) return;
  await trx
    .deleteFrom('planned_stops')
    .where('company_id', '=', companyId)
    .where(
      'appointment_id',
      'in',
      rows.map((r) => r.appointment_id),
    )
    .execute();
  await trx.insertInto('planned_stops').values(rows).execute();
}

/** Planned order and arrival of some visits, still valid only while technician and window match. */
export function listPlannedStops(db: Executor, companyId: string, appointmentIds: readonly string[]) {
  if (appointmentIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('planned_stops').selectAll().where('company_id', '=', companyId).where('appointment_id', 'in', appointmentIds).execute();
}
