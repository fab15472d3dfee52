import { sql, type Insertable, type Updateable } from 'kysely';
import type { DatabaseKind, Executor, Trx } from '../../db/database.js';
import type { AppointmentsTable, JobEventsTable, JobsTable, Priority } from './jobs.table.js';
import { SLA_RUNNING_STATUSES, type JobStatus } from './job-state-machine.js';

export const insertJob = (trx: Trx, row: Insertable<JobsTable>) => trx.insertInto('jobs').values(row).execute();

export const findJob = (db: Executor, companyId: string, jobId: string) =>
  db.selectFrom('jobs').selectAll().where('company_id', '=', companyId).where('id', '=', jobId).executeTakeFirst();

/**
 * Reads a job to change it. On PostgreSQL the row is locked until the transaction ends, so two
 * changes to one job run one after the other; SQLite transactions already do (one writer at a time)
 * and SQLite has no FOR UPDATE.
 */
export function findJobForChange(trx: Trx, kind: DatabaseKind, companyId: string, jobId: string) {
  const query = trx.selectFrom('jobs').selectAll().where('company_id', '=', companyId).where('id', '=', jobId);
  return (kind === 'postgres' ? query.forUpdate() : query).executeTakeFirst();
}

/**
 * Changes a job only if it is still in the status the caller read: two concurrent changes can
 * never both pass the state machine. Returns false when someone else changed it first.
 */
export async function updateJobIfStatus(trx: Trx, companyId: string, jobId: string, expected: JobStatus, patch: Updateable<JobsTable>): Promise<boolean> {
  const result = await trx.updateTable('jobs').set(patch).where('company_id', '=', companyId).where('id', '=', jobId).where('status', '=', expected).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export const updateJob = (trx: Trx, companyId: string, jobId: string, patch: Updateable<JobsTable>) =>
  trx.updateTable('jobs').set(patch).where('company_id', '=', companyId).where('id', '=', jobId).execute();

export const insertTimelineEvent = (trx: Trx, row: Insertable<JobEventsTable>) => trx.insertInto('job_events').values(row).execute();

export function listTimeline(db: Executor, companyId: string, jobId: string, audience: 'customer' | 'staff') {
  let query = db.selectFrom('job_events').selectAll().where('company_id', '=', companyId).where('job_id', '=', jobId);
  if (audience === 'customer') query = query.where('visibility', '=', 'customer');
  return query.orderBy('created_at').orderBy('id').execute();
}

export const insertAppointment = (trx: Trx, row: Insertable<AppointmentsTable>) => trx.insertInto('appointments').values(row).execute();

export const findAppointment = (db: Executor, companyId: string, appointmentId: string) =>
  db.selectFrom('appointments').selectAll().where('company_id', '=', companyId).where('id', '=', appointmentId).executeTakeFirst();

export const updateAppointment = (trx: Trx, appointmentId: string, patch: Updateable<AppointmentsTable>) =>
  trx.updateTable('appointments').set(patch).where('id', '=', appointmentId).execute();

export async function nextVisitNumber(trx: Trx, jobId: string): Promise<number> {
  const row = await trx.selectFrom('appointments').select((eb) => eb.fn.max('visit_number').as('max')).where('job_id', '=', jobId).executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

export const listAppointmentsOfJob = (db: Executor, companyId: string, jobId: string) =>
  db
    .selectFrom('appointments')
    .leftJoin('users', 'users.id', 'appointments.technician_id')
    .selectAll('appointments')
    .select('users.name as technician_name')
    .where('appointments.company_id', '=', companyId)
    .where('appointments.job_id', '=', jobId)
    .orderBy('appointments.visit_number')
    .execute();

export async function addJobContact(trx: Trx, row: { job_id: string; contact_id: string; company_id: string; notify: number; created_at: string }) {
  await trx
    .insertInto('job_contacts')
    .values(row)
    .onConflict((oc) => oc.columns(['job_id', 'contact_id']).doUpdateSet({ notify: row.notify }))
    .execute();
}

export const listJobContacts = (db: Executor, companyId: string, jobId: string) =>
  db
    .selectFrom('job_contacts')
    .innerJoin('contacts', 'contacts.id', 'job_contacts.contact_id')
    .select(['contacts.id', 'contacts.name', 'contacts.email', 'contacts.phone', 'contacts.role', 'contacts.customer_id', 'job_contacts.notify'])
    .where('job_contacts.company_id', '=', companyId)
    .where('job_contacts.job_id', '=', jobId)
    .orderBy('job_contacts.created_at')
    .execute();

export async function isContactOnJob(db: Executor, companyId: string, jobId: string, contactId: string): Promise<boolean> {
  const row = await db
    .selectFrom('job_contacts')
    .select('contact_id')
    .where('company_id', '=', companyId)
    .where('job_id', '=', jobId)
    .where('contact_id', '=', contactId)
    .executeTakeFirst();
  return row !== undefined;
}

/** A job with what every list and page shows beside it: customer, category, place, current visit, technician. */
function jobSummaryQuery(db: Executor, companyId: string) {
  return db
    .selectFrom('jobs')
    .innerJoin('customers', 'customers.id', 'jobs.customer_id')
    .innerJoin('service_categories', 'service_categories.id', 'jobs.category_id')
    .innerJoin('locations', 'locations.id', 'jobs.location_id')
    .innerJoin('job_sources', 'job_sources.id', 'jobs.source_id')
    .leftJoin('appointments', 'appointments.id', 'jobs.current_appointment_id')
    .leftJoin('users as technician', 'technician.id', 'appointments.technician_id')
    .selectAll('jobs')
    .select([
      'customers.name as customer_name',
      'customers.kind as customer_kind',
      'service_categories.name as category_name',
      'job_sources.name as source_name',
      'job_sources.kind as source_kind',
      'job_sources.hide_technician_bios as source_hides_bios',
      'locations.line1 as location_line1',
      'locations.line2 as location_line2',
      'locations.city as location_city',
      'locations.postal_code as location_postal_code',
      'appointments.window_start',
      'appointments.window_end',
      'appointments.visit_number',
      'appointments.status as appointment_status',
      'appointments.technician_id',
      'technician.name as technician_name',
    ])
    .where('jobs.company_id', '=', companyId);
}

export type JobSummaryRow = Awaited<ReturnType<ReturnType<typeof jobSummaryQuery>['executeTakeFirstOrThrow']>>;

export const findJobSummary = (db: Executor, companyId: string, jobId: string) => jobSummaryQuery(db, companyId).where('jobs.id', '=', jobId).executeTakeFirst();

/** Everything the customer's job page shows but the timeline, in one query: it is the most visited page. */
export const findCustomerJobView = (db: Executor, companyId: string, jobId: string) =>
  jobSummaryQuery(db, companyId)
    .innerJoin('companies', 'companies.id', 'jobs.company_id')
    .leftJoin('technician_profiles', 'technician_profiles.user_id', 'appointments.technician_id')
    .select([
      'companies.name as company_name',
      'companies.logo_url as company_logo_url',
      'companies.phone as company_phone',
      'companies.brand_color as company_brand_color',
      'companies.timezone as company_timezone',
      'companies.locale as company_locale',
      'locations.label as location_label',
      'locations.lat as location_lat',
      'locations.lng as location_lng',
      'locations.access_notes as location_access_notes',
      'technician_profiles.photo_url as technician_photo_url',
      'technician_profiles.bio as technician_bio',
      'technician_profiles.bio_status as technician_bio_status',
    ])
    .where('jobs.id', '=', jobId)
    .executeTakeFirst();

export interface JobListFilter {
  statuses?: JobStatus[];
  priorities?: Priority[];
  technicianId?: string;
  customerId?: string;
  contactId?: string;
  sourceId?: string;
  /** Jobs whose current visit starts in [scheduledFrom, scheduledTo). */
  scheduledFrom?: string;
  scheduledTo?: string;
  unassigned?: boolean;
  /** Jobs whose SLA was due before this instant and whose visit has not started (see isSlaOverdue). */
  slaOverdueAt?: string;
  q?: string;
  /** Newest first; the cursor is the (created_at, id) of the last row of the previous page. */
  after?: { createdAt: string; id: string };
  limit: number;
}

export async function listJobs(db: Executor, companyId: string, filter: JobListFilter): Promise<JobSummaryRow[]> {
  let query = jobSummaryQuery(db, companyId);
  if (filter.statuses?.length) query = query.where('jobs.status', 'in', filter.statuses);
  if (filter.priorities?.length) query = query.where('jobs.priority', 'in', filter.priorities);
  if (filter.technicianId) query = query.where('appointments.technician_id', '=', filter.technicianId);
  if (filter.customerId) query = query.where('jobs.customer_id', '=', filter.customerId);
  if (filter.sourceId) query = query.where('jobs.source_id', '=', filter.sourceId);
  if (filter.contactId) {
    const contactId = filter.contactId;
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('job_contacts').select('job_contacts.job_id').whereRef('job_contacts.job_id', '=', 'jobs.id').where('job_contacts.contact_id', '=', contactId)),
    );
  }
  if (filter.scheduledFrom) query = query.where('appointments.window_start', '>=', filter.scheduledFrom);
  if (filter.scheduledTo) query = query.where('appointments.window_start', '<', filter.scheduledTo);
  if (filter.unassigned) query = query.where((eb) => eb.or([eb('jobs.current_appointment_id', 'is', null), eb('appointments.technician_id', 'is', null)]));
  if (filter.slaOverdueAt) {
    query = query.where('jobs.sla_due_at', '<', filter.slaOverdueAt).where('jobs.status', 'in', [...SLA_RUNNING_STATUSES]);
  }
  if (filter.q) {
    const like = `%${filter.q.toLowerCase()}%`;
    query = query.where((eb) => eb.or([eb(eb.fn('lower', ['jobs.reference']), 'like', like), eb(eb.fn('lower', ['customers.name']), 'like', like)]));
  }
  if (filter.after) {
    const { createdAt, id } = filter.after;
    query = query.where((eb) => eb.or([eb('jobs.created_at', '<', createdAt), eb.and([eb('jobs.created_at', '=', createdAt), eb('jobs.id', '<', id)])]));
  }
  return query.orderBy('jobs.created_at', 'desc').orderBy('jobs.id', 'desc').limit(filter.limit).execute();
}

/** A technician's visits whose window starts in [from, to), in order, with what they need on the road. */
export const listTechnicianAppointments = (db: Executor, companyId: string, technicianId: string, from: string, to: string) =>
  db
    .selectFrom('appointments')
    .innerJoin('jobs', 'jobs.id', 'appointments.job_id')
    .innerJoin('customers', 'customers.id', 'jobs.customer_id')
    .innerJoin('locations', 'locations.id', 'jobs.location_id')
    .innerJoin('service_categories', 'service_categories.id', 'jobs.category_id')
    .selectAll('appointments')
    .select([
      'jobs.reference',
      'jobs.status as job_status',
      'jobs.description',
      'jobs.priority',
      'customers.name as customer_name',
      'service_categories.name as category_name',
      'locations.line1',
      'locations.line2',
      'locations.city',
      'locations.postal_code',
      'locations.lat',
      'locations.lng',
      'locations.access_notes',
    ])
    .where('appointments.company_id', '=', companyId)
    .where('appointments.technician_id', '=', technicianId)
    .where('appointments.window_start', '>=', from)
    .where('appointments.window_start', '<', to)
    .where('appointments.status', 'not in', ['cancelled', 'interrupted'])
    // In the order "Optimise day" planned, while the visit still has the technician and window it was planned with.
    .leftJoin('planned_stops', (join) =>
      join.onRef('planned_stops.appointment_id', '=', 'appointments.id').onRef('planned_stops.technician_id', '=', 'appointments.technician_id').onRef('planned_stops.window_start', '=', 'appointments.window_start'),
    )
    .orderBy(sql`coalesce(planned_stops.planned_arrival_at, appointments.window_start)`)
    .orderBy('appointments.window_start')
    .execute();
