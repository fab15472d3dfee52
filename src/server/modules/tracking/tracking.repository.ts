import type { Insertable } from 'kysely';
import type { Executor, Trx } from '../../db/database.js';
import { TRAVELLING_STATUSES } from '../jobs/job-state-machine.js';
import type { TechnicianPositionsTable, TripEtasTable, TripPointsTable } from './tracking.table.js';

/**
 * The technician's visit under way: their appointment that is en route and is still its job's
 * current visit, with the address it leads to. `appointmentId` narrows it to one visit.
 */
export function findTravellingVisit(db: Executor, companyId: string, technicianId: string, appointmentId?: string) {
  let query = db
    .selectFrom('appointments')
    .innerJoin('jobs', 'jobs.current_appointment_id', 'appointments.id')
    .innerJoin('locations', 'locations.id', 'jobs.location_id')
    .innerJoin('customers', 'customers.id', 'jobs.customer_id')
    .select([
      'appointments.id as appointment_id',
      'appointments.window_end',
      'jobs.id as job_id',
      'locations.lat',
      'locations.lng',
      'customers.name as customer_name',
    ])
    .where('appointments.company_id', '=', companyId)
    .where('jobs.company_id', '=', companyId)
    .where('appointments.technician_id', '=', technicianId)
    .where('appointments.status', '=', 'en_route')
    .where('jobs.status', 'in', TRAVELLING_STATUSES);
  if (appointmentId) query = query.where('appointments.id', '=', appointmentId);
  return query.orderBy('appointments.en_route_at', 'desc').executeTakeFirst();
}

export const findPosition = (db: Executor, companyId: string, technicianId: string) =>
  db.selectFrom('technician_positions').selectAll().where('company_id', '=', companyId).where('technician_id', '=', technicianId).executeTakeFirst();

export async function savePosition(trx: Trx, row: Insertable<TechnicianPositionsTable>) {
  const { technician_id: _key, ...update } = row;
  await trx
    .insertInto('technician_positions')
    .values(row)
    .onConflict((oc) => oc.column('technician_id').doUpdateSet(update))
    .execute();
}

export async function insertTripPoints(trx: Trx, rows: Insertable<TripPointsTable>[]) {
  if (rows.length > 0) await trx.insertInto('trip_points').values(rows).execute();
}

export const deleteTripPointsBefore = (trx: Trx, appointmentId: string, before: string) =>
  trx.deleteFrom('trip_points').where('appointment_id', '=', appointmentId).where('at', '<', before).execute();

export const listTripPoints = (db: Executor, appointmentId: string, since: string) =>
  db.selectFrom('trip_points').select(['lat', 'lng', 'at']).where('appointment_id', '=', appointmentId).where('at', '>=', since).orderBy('at').execute();

export const findTripEta = (db: Executor, appointmentId: string) => db.selectFrom('trip_etas').selectAll().where('appointment_id', '=', appointmentId).executeTakeFirst();

export async function saveTripEta(trx: Trx, row: Omit<Insertable<TripEtasTable>, 'running_late_at'>) {
  const { appointment_id: _key, company_id: _company, ...update } = row;
  await trx
    .insertInto('trip_etas')
    .values(row)
    .onConflict((oc) => oc.column('appointment_id').doUpdateSet(update))
    .execute();
}

/** Marks the trip late; true only for the call that marked it, so "running late" is recorded once. */
export async function markRunningLate(trx: Trx, appointmentId: string, at: string): Promise<boolean> {
  const result = await trx.updateTable('trip_etas').set({ running_late_at: at }).where('appointment_id', '=', appointmentId).where('running_late_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Ends every trip to a job's visits: the trip's points and ETA are deleted, and the technician's
 * latest position is no longer tied to the visit (so no customer can be shown it again).
 */
export async function endTripsOfJob(trx: Trx, companyId: string, jobId: string) {
  const visits = trx.selectFrom('appointments').select('id').where('company_id', '=', companyId).where('job_id', '=', jobId);
  await trx.deleteFrom('trip_points').where('company_id', '=', companyId).where('appointment_id', 'in', visits).execute();
  await trx.deleteFrom('trip_etas').where('company_id', '=', companyId).where('appointment_id', 'in', visits).execute();
  await trx.updateTable('technician_positions').set({ appointment_id: null }).where('company_id', '=', companyId).where('appointment_id', 'in', visits).execute();
}

/** Positions nobody may see any more are not kept either. */
export const deletePositionsBefore = (trx: Trx, companyId: string, before: string) =>
  trx.deleteFrom('technician_positions').where('company_id', '=', companyId).where('at', '<', before).execute();

/** The position of the technician driving to this job's current visit, only while it is en route. */
export function findJobTracking(db: Executor, companyId: string, jobId: string) {
  return db
    .selectFrom('jobs')
    .innerJoin('appointments', 'appointments.id', 'jobs.current_appointment_id')
    .innerJoin('technician_positions', 'technician_positions.appointment_id', 'appointments.id')
    .leftJoin('trip_etas', 'trip_etas.appointment_id', 'appointments.id')
    .select([
      'technician_positions.lat',
      'technician_positions.lng',
      'technician_positions.accuracy',
      'technician_positions.heading',
      'technician_positions.at',
      'trip_etas.eta_at',
      'trip_etas.arriving',
    ])
    .where('jobs.company_id', '=', companyId)
    .where('jobs.id', '=', jobId)
    .where('jobs.status', 'in', TRAVELLING_STATUSES)
    .where('appointments.status', '=', 'en_route')
    .where('technician_positions.company_id', '=', companyId)
    .whereRef('technician_positions.technician_id', '=', 'appointments.technician_id')
    .executeTakeFirst();
}

/** Every technician of the company with a position since `since`. */
export function listPositions(db: Executor, companyId: string, since: string) {
  return db
    .selectFrom('technician_positions')
    .innerJoin('users', 'users.id', 'technician_positions.technician_id')
    .leftJoin('technician_profiles', 'technician_profiles.user_id', 'technician_positions.technician_id')
    .select([
      'technician_positions.technician_id',
      'technician_positions.appointment_id',
      'technician_positions.lat',
      'technician_positions.lng',
      'technician_positions.accuracy',
      'technician_positions.heading',
      'technician_positions.at',
      'users.name',
      'technician_profiles.photo_url',
    ])
    .where('technician_positions.company_id', '=', companyId)
    .where('users.company_id', '=', companyId)
    .where('technician_positions.at', '>=', since)
    .orderBy('users.name')
    .execute();
}

/** The visits technicians are driving to or working on, with their job, address and ETA. */
export function listCurrentVisits(db: Executor, companyId: string, technicianIds: string[]) {
  if (technicianIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('appointments')
    .innerJoin('jobs', 'jobs.current_appointment_id', 'appointments.id')
    .innerJoin('customers', 'customers.id', 'jobs.customer_id')
    .innerJoin('locations', 'locations.id', 'jobs.location_id')
    .leftJoin('trip_etas', 'trip_etas.appointment_id', 'appointments.id')
    .select([
      'appointments.id as appointment_id',
      'appointments.technician_id',
      'appointments.status as appointment_status',
      'appointments.updated_at',
      'jobs.id as job_id',
      'jobs.reference',
      'jobs.status',
      'customers.name as customer_name',
      'locations.line1',
      'locations.line2',
      'locations.city',
      'locations.postal_code',
      'locations.lat',
      'locations.lng',
      'trip_etas.eta_at',
    ])
    .where('appointments.company_id', '=', companyId)
    .where('jobs.company_id', '=', companyId)
    .where('appointments.technician_id', 'in', technicianIds)
    .where('appointments.status', 'in', ['en_route', 'in_progress'])
    .orderBy('appointments.updated_at', 'desc')
    .execute();
}
