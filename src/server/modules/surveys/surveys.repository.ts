import { sql, type Insertable, type Updateable } from 'kysely';
import type { Executor, Trx } from '../../db/database.js';
import type { SurveyResponsesTable } from './surveys.table.js';

export const findResponse = (db: Executor, companyId: string, jobId: string) =>
  db.selectFrom('survey_responses').selectAll().where('company_id', '=', companyId).where('job_id', '=', jobId).executeTakeFirst();

/** Inserts the first answer; false when someone else answered first (one answer per job). */
export async function insertResponse(trx: Trx, row: Insertable<SurveyResponsesTable>): Promise<boolean> {
  const result = await trx.insertInto('survey_responses').values(row).onConflict((oc) => oc.column('job_id').doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Changes the answer if nobody changed it since it was read (its revision); false otherwise. */
export async function updateResponse(trx: Trx, id: string, expectedRevision: number, patch: Updateable<SurveyResponsesTable>): Promise<boolean> {
  const result = await trx.updateTable('survey_responses').set(patch).where('id', '=', id).where('revision', '=', expectedRevision).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface FeedbackFilter {
  maxRating?: number;
  since?: string;
  sort: 'recent' | 'lowest';
  limit: number;
  offset: number;
}

function filtered(db: Executor, companyId: string, filter: Pick<FeedbackFilter, 'maxRating' | 'since'>) {
  let query = db.selectFrom('survey_responses').where('survey_responses.company_id', '=', companyId);
  if (filter.maxRating !== undefined) query = query.where('survey_responses.rating', '<=', filter.maxRating);
  if (filter.since !== undefined) query = query.where('survey_responses.updated_at', '>=', filter.since);
  return query;
}

/** How many answers gave each rating, and how many said they would (or would not) recommend. */
export function ratingCounts(db: Executor, companyId: string, filter: Pick<FeedbackFilter, 'maxRating' | 'since'>) {
  return filtered(db, companyId, filter)
    .select((eb) => [
      'survey_responses.rating',
      eb.fn.countAll<string | number>().as('n'),
      eb.fn.sum<string | number | null>(sql`case when survey_responses.would_recommend = 1 then 1 else 0 end`).as('yes'),
      eb.fn.sum<string | number | null>(sql`case when survey_responses.would_recommend = 0 then 1 else 0 end`).as('no'),
    ])
    .groupBy('survey_responses.rating')
    .execute();
}

export function listResponses(db: Executor, companyId: string, filter: FeedbackFilter) {
  let query = filtered(db, companyId, filter)
    .innerJoin('jobs', 'jobs.id', 'survey_responses.job_id')
    .innerJoin('customers', 'customers.id', 'jobs.customer_id')
    .innerJoin('service_categories', 'service_categories.id', 'jobs.category_id')
    .leftJoin('appointments', 'appointments.id', 'jobs.current_appointment_id')
    .leftJoin('users', 'users.id', 'appointments.technician_id')
    .selectAll('survey_responses')
    .select(['jobs.reference', 'customers.name as customer_name', 'service_categories.name as category_name', 'users.name as technician_name']);
  if (filter.sort === 'lowest') query = query.orderBy('survey_responses.rating', 'asc');
  return query.orderBy('survey_responses.updated_at', 'desc').orderBy('survey_responses.id', 'desc').limit(filter.limit).offset(filter.offset).execute();
}
