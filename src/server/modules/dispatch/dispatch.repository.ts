import type { Insertable } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { DispatchRulesTable } from './dispatch.table.js';

export const findRules = (db: Executor, companyId: string) => db.selectFrom('dispatch_rules').selectAll().where('company_id', '=', companyId).executeTakeFirst();

export async function saveRules(db: Executor, row: Insertable<DispatchRulesTable>) {
  const { company_id: _company, ...update } = row;
  await db.insertInto('dispatch_rules').values(row).onConflict((oc) => oc.column('company_id').doUpdateSet(update)).execute();
}

export const findCustomerPreference = (db: Executor, companyId: string, customerId: string) =>
  db
    .selectFrom('customers')
    .leftJoin('users', (join) => join.onRef('users.id', '=', 'customers.preferred_technician_id').on('users.company_id', '=', companyId))
    .select(['customers.id', 'customers.preferred_technician_id', 'users.name as preferred_technician_name'])
    .where('customers.company_id', '=', companyId)
    .where('customers.id', '=', customerId)
    .executeTakeFirst();

export const setPreferredTechnician = (db: Executor, companyId: string, customerId: string, technicianId: string | null, now: string) =>
  db.updateTable('customers').set({ preferred_technician_id: technicianId, updated_at: now }).where('company_id', '=', companyId).where('id', '=', customerId).execute();

/** The technician of the customer's most recent completed visit, if any. */
export const findLastTechnician = (db: Executor, companyId: string, customerId: string) =>
  db
    .selectFrom('appointments')
    .innerJoin('jobs', 'jobs.id', 'appointments.job_id')
    .select(['appointments.technician_id', 'appointments.completed_at'])
    .where('appointments.company_id', '=', companyId)
    .where('jobs.company_id', '=', companyId)
    .where('jobs.customer_id', '=', customerId)
    .where('appointments.status', '=', 'completed')
    .where('appointments.technician_id', 'is not', null)
    .orderBy('appointments.completed_at', 'desc')
    .limit(1)
    .executeTakeFirst();

export const findUserName = (db: Executor, companyId: string, userId: string) =>
  db.selectFrom('users').select('name').where('company_id', '=', companyId).where('id', '=', userId).executeTakeFirst();
