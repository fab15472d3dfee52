import type { Insertable, Updateable } from 'kysely';
import type { DatabaseKind, Executor, Trx } from '../../db/database.js';
import type { BookingPoliciesTable, TechnicianTimeOffTable, TechnicianWorkingHoursTable, TerritoriesTable } from './scheduling.table.js';

/** Appointment statuses that hold a technician's time: booked, on the way, or on site. */
export const BUSY_APPOINTMENT_STATUSES = ['scheduled', 'en_route', 'in_progress'] as const;

// ------------------------------------------------------------------ booking policy

export const findBookingPolicy = (db: Executor, companyId: string) => db.selectFrom('booking_policies').selectAll().where('company_id', '=', companyId).executeTakeFirst();

export async function saveBookingPolicy(db: Executor, row: Insertable<BookingPoliciesTable>) {
  const { company_id: _companyId, ...rest } = row;
  await db
    .insertInto('booking_policies')
    .values(row)
    .onConflict((oc) => oc.column('company_id').doUpdateSet(rest))
    .execute();
}

// ------------------------------------------------------------------ working hours and time off

export function listWorkingHours(db: Executor, companyId: string, technicianIds?: readonly string[]) {
  let query = db.selectFrom('technician_working_hours').selectAll().where('company_id', '=', companyId);
  if (technicianIds) {
    if (technicianIds.length === 0) return Promise.resolve([]);
    query = query.where('technician_id', 'in', technicianIds);
  }
  return query.orderBy('technician_id').orderBy('weekday').orderBy('start_minute').execute();
}

export async function replaceWorkingHours(trx: Trx, companyId: string, technicianId: string, rows: Insertable<TechnicianWorkingHoursTable>[]) {
  await trx.deleteFrom('technician_working_hours').where('company_id', '=', companyId).where('technician_id', '=', technicianId).execute();
  if (rows.length > 0) await trx.insertInto('technician_working_hours').values(rows).execute();
}

/** Time off overlapping [from, to), for some technicians or all. */
export function listTimeOff(db: Executor, companyId: string, range: { from: string; to: string }, technicianIds?: readonly string[]) {
  let query = db.selectFrom('technician_time_off').selectAll().where('company_id', '=', companyId).where('starts_at', '<', range.to).where('ends_at', '>', range.from);
  if (technicianIds) {
    if (technicianIds.length === 0) return Promise.resolve([]);
    query = query.where('technician_id', 'in', technicianIds);
  }
  return query.orderBy('starts_at').execute();
}

export const insertTimeOff = (db: Executor, row: Insertable<TechnicianTimeOffTable>) => db.insertInto('technician_time_off').values(row).execute();

export async function deleteTimeOff(db: Executor, companyId: string, technicianId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('technician_time_off').where('company_id', '=', companyId).where('technician_id', '=', technicianId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

// ------------------------------------------------------------------ territories

export const listTerritories = (db: Executor, companyId: string) => db.selectFrom('territories').selectAll().where('company_id', '=', companyId).orderBy('name').execute();

export const insertTerritory = (trx: Trx, row: Insertable<TerritoriesTable>) => trx.insertInto('territories').values(row).execute();

export const updateTerritory = (trx: Trx, companyId: string, id: string, patch: Updateable<TerritoriesTable>) =>
  trx.updateTable('territories').set(patch).where('company_id', '=', companyId).where('id', '=', id).execute();

export const deleteTerritories = (trx: Trx, companyId: string, ids: readonly string[]) =>
  ids.length === 0 ? Promise.resolve() : trx.deleteFrom('territories').where('company_id', '=', companyId).where('id', 'in', ids).execute().then(() => undefined);

export const listTerritoryAssignments = (db: Executor, companyId: string) =>
  db.selectFrom('technician_territories').select(['technician_id', 'territory_id']).where('company_id', '=', companyId).execute();

export async function replaceTechnicianTerritories(trx: Trx, companyId: string, technicianId: string, territoryIds: readonly string[]) {
  await trx.deleteFrom('technician_territories').where('company_id', '=', companyId).where('technician_id', '=', technicianId).execute();
  if (territoryIds.length > 0) {
    await trx
      .insertInto('technician_territories')
      .values(territoryIds.map((territoryId) => ({ technician_id: technicianId, territory_id: territoryId, company_id: companyId })))
      .execute();
  }
}

// ------------------------------------------------------------------ calendars

/** Active technicians with what availability needs: skills and home base. */
export function listActiveTechnicians(db: Executor, companyId: string, technicianIds?: readonly string[]) {
  let query = db
    .selectFrom('users')
    .innerJoin('technician_profiles', 'technician_profiles.user_id', 'users.id')
    .select(['users.id', 'users.name', 'technician_profiles.skills', 'technician_profiles.home_lat', 'technician_profiles.home_lng'])
    .where('users.company_id', '=', companyId)
    .where('technician_profiles.company_id', '=', companyId)
    .where('users.role', '=', 'technician')
    .where('users.active', '=', 1);
  if (technicianIds) {
    if (technicianIds.length === 0) return Promise.resolve([]);
    query = query.where('users.id', 'in', technicianIds);
  }
  return query.orderBy('users.id').execute();
}

/**
 * The visits that hold technicians' time around [from, to): with where they are and how long the
 * job takes. Served by appointments_company_window_idx; a window never exceeds a day, so looking a
 * day before `from` finds every visit that reaches into the range.
 */
export function listBusyVisits(db: Executor, companyId: string, range: { from: string; to: string }, technicianIds?: readonly string[]) {
  let query = db
    .selectFrom('appointments')
    .innerJoin('jobs', 'jobs.id', 'appointments.job_id')
    .innerJoin('locations', 'locations.id', 'jobs.location_id')
    .innerJoin('service_categories', 'service_categories.id', 'jobs.category_id')
    .select([
      'appointments.id',
      'appointments.job_id',
      'appointments.technician_id',
      'appointments.window_start',
      'appointments.window_end',
      'appointments.status',
      'appointments.started_at',
      'appointments.updated_at',
      'locations.id as location_id',
      'locations.lat',
      'locations.lng',
      'service_categories.default_duration_minutes',
    ])
    .where('appointments.company_id', '=', companyId)
    .where('appointments.window_start', '>=', range.from)
    .where('appointments.window_start', '<', range.to)
    .where('appointments.status', 'in', [...BUSY_APPOINTMENT_STATUSES])
    .where('appointments.technician_id', 'is not', null);
  if (technicianIds) {
    if (technicianIds.length === 0) return Promise.resolve([]);
    query = query.where('appointments.technician_id', 'in', technicianIds);
  }
  return query.execute();
}

export type BusyVisitRow = Awaited<ReturnType<typeof listBusyVisits>>[number];

/**
 * Locks technicians for a booking until the transaction ends, so two bookings for the same person
 * run their check-then-insert one after the other. PostgreSQL: their profile rows FOR UPDATE, one
 * by one in id order so two bookings never wait on each other in a circle. SQLite: nothing to do,
 * a write transaction holds the only connection (see create-db.ts and decision 010).
 */
export async function lockTechnicians(trx: Trx, kind: DatabaseKind, companyId: string, technicianIds: readonly string[]) {
  if (kind !== 'postgres') return;
  for (const id of [...new Set(technicianIds)].sort()) {
    await trx.selectFrom('technician_profiles').select('user_id').where('company_id', '=', companyId).where('user_id', '=', id).forUpdate().execute();
  }
}
