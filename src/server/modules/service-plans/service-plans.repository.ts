import type { Insertable, Updateable } from 'kysely';
import type { DatabaseKind, Executor, Trx } from '../../db/database.js';
import type { OccurrenceStatus, ServicePlanOccurrencesTable, ServicePlansTable, ServicePlanStatus } from './service-plans.table.js';

export const insertPlan = (trx: Trx, row: Insertable<ServicePlansTable>) => trx.insertInto('service_plans').values(row).execute();

export const findPlan = (db: Executor, companyId: string, planId: string) =>
  db.selectFrom('service_plans').selectAll().where('company_id', '=', companyId).where('id', '=', planId).executeTakeFirst();

/**
 * The plan, locked until the transaction ends: generation and changes of one plan run one after
 * the other, across instances. PostgreSQL: FOR UPDATE; SQLite: a write transaction holds the only
 * connection (decision 001), so there is nothing to lock.
 */
export function findPlanForChange(trx: Trx, kind: DatabaseKind, companyId: string, planId: string) {
  const query = trx.selectFrom('service_plans').selectAll().where('company_id', '=', companyId).where('id', '=', planId);
  return (kind === 'postgres' ? query.forUpdate() : query).executeTakeFirst();
}

export const updatePlan = (trx: Trx, companyId: string, planId: string, patch: Updateable<ServicePlansTable>) =>
  trx.updateTable('service_plans').set(patch).where('company_id', '=', companyId).where('id', '=', planId).execute();

export interface PlanListFilter {
  planId?: string;
  customerId?: string;
  statuses?: ServicePlanStatus[];
}

export function listPlans(db: Executor, companyId: string, filter: PlanListFilter) {
  let query = db
    .selectFrom('service_plans')
    .innerJoin('customers', 'customers.id', 'service_plans.customer_id')
    .innerJoin('locations', 'locations.id', 'service_plans.location_id')
    .innerJoin('service_categories', 'service_categories.id', 'service_plans.category_id')
    .leftJoin('users as technician', 'technician.id', 'service_plans.preferred_technician_id')
    .selectAll('service_plans')
    .select([
      'customers.name as customer_name',
      'locations.label as location_label',
      'locations.line1 as location_line1',
      'locations.line2 as location_line2',
      'locations.city as location_city',
      'locations.postal_code as location_postal_code',
      'service_categories.name as category_name',
      'technician.name as technician_name',
    ])
    .where('service_plans.company_id', '=', companyId);
  if (filter.planId) query = query.where('service_plans.id', '=', filter.planId);
  if (filter.customerId) query = query.where('service_plans.customer_id', '=', filter.customerId);
  if (filter.statuses?.length) query = query.where('service_plans.status', 'in', filter.statuses);
  return query.orderBy('customers.name').orderBy('service_plans.created_at').orderBy('service_plans.id').limit(500).execute();
}
export type PlanSummaryRow = Awaited<ReturnType<typeof listPlans>>[number];

/** Plans the generator looks at: active ones, and suspended/ended ones that may still hold visits to withdraw. */
export const listPlanIdsToGenerate = (db: Executor, limit: number) =>
  db.selectFrom('service_plans').select(['id', 'company_id']).orderBy('id').limit(limit).execute();

export const findOccurrence = (db: Executor, planId: string, date: string) =>
  db.selectFrom('service_plan_occurrences').selectAll().where('plan_id', '=', planId).where('occurrence_date', '=', date).executeTakeFirst();

export const findOccurrenceOfJob = (db: Executor, companyId: string, jobId: string) =>
  db.selectFrom('service_plan_occurrences').selectAll().where('company_id', '=', companyId).where('job_id', '=', jobId).executeTakeFirst();

export const insertOccurrence = (trx: Trx, row: Insertable<ServicePlanOccurrencesTable>) => trx.insertInto('service_plan_occurrences').values(row).execute();

export const updateOccurrence = (trx: Trx, id: string, patch: Updateable<ServicePlanOccurrencesTable>) =>
  trx.updateTable('service_plan_occurrences').set(patch).where('id', '=', id).execute();

/** Moves an occurrence from one status to another only if nobody moved it first; true when it did. */
export async function updateOccurrenceIfStatus(trx: Trx, id: string, expected: OccurrenceStatus, patch: Updateable<ServicePlanOccurrencesTable>): Promise<boolean> {
  const result = await trx.updateTable('service_plan_occurrences').set(patch).where('id', '=', id).where('status', '=', expected).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Every occurrence of some plans with its job's state and current visit. */
export function listOccurrences(db: Executor, companyId: string, planIds: readonly string[], fromDate?: string) {
  if (planIds.length === 0) return Promise.resolve([]);
  let query = db
    .selectFrom('service_plan_occurrences as o')
    .leftJoin('jobs', 'jobs.id', 'o.job_id')
    .leftJoin('appointments', 'appointments.id', 'jobs.current_appointment_id')
    .leftJoin('users as technician', 'technician.id', 'appointments.technician_id')
    .select([
      'o.id',
      'o.plan_id',
      'o.occurrence_date',
      'o.status',
      'o.job_id',
      'o.reason',
      'jobs.reference as job_reference',
      'jobs.status as job_status',
      'appointments.window_start',
      'appointments.window_end',
      'technician.name as technician_name',
    ])
    .where('o.company_id', '=', companyId)
    .where('o.plan_id', 'in', planIds);
  if (fromDate) query = query.where('o.occurrence_date', '>=', fromDate);
  return query.orderBy('o.occurrence_date').execute();
}
export type OccurrenceViewRow = Awaited<ReturnType<typeof listOccurrences>>[number];

export const linkJobToPlan = (trx: Trx, companyId: string, jobId: string, planId: string) =>
  trx.updateTable('jobs').set({ service_plan_id: planId }).where('company_id', '=', companyId).where('id', '=', jobId).execute();

export const listContactIds = (db: Executor, companyId: string, customerId: string) =>
  db.selectFrom('contacts').select(['id', 'role']).where('company_id', '=', companyId).where('customer_id', '=', customerId).orderBy('created_at').orderBy('id').execute();
