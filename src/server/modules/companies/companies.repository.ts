import type { Executor, Trx } from '../../db/database.js';
import type { CompanyUpdate, NewCompany } from './companies.table.js';

export const findCompany = (db: Executor, companyId: string) => db.selectFrom('companies').selectAll().where('id', '=', companyId).executeTakeFirst();
export const findCompanyBySlug = (db: Executor, slug: string) => db.selectFrom('companies').selectAll().where('slug', '=', slug).executeTakeFirst();
/** Up to `limit` companies, oldest first (callers ask for 2 to tell "exactly one" from "several"). */
export const listCompanies = (db: Executor, limit: number) => db.selectFrom('companies').selectAll().orderBy('created_at').orderBy('id').limit(limit).execute();
export const insertCompany = (db: Executor, company: NewCompany) => db.insertInto('companies').values(company).execute();
export const updateCompany = (db: Executor, companyId: string, patch: CompanyUpdate) => db.updateTable('companies').set(patch).where('id', '=', companyId).execute();

export async function countCompanies(db: Executor): Promise<number> {
  const row = await db.selectFrom('companies').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Takes the next number of a per-company counter. The upsert is atomic on both databases, so two
 * requests never get the same number.
 */
export async function nextCounterValue(trx: Trx, companyId: string, name: string): Promise<number> {
  const row = await trx
    .insertInto('company_counters')
    .values({ company_id: companyId, name, value: 1 })
    .onConflict((oc) => oc.columns(['company_id', 'name']).doUpdateSet((eb) => ({ value: eb('company_counters.value', '+', 1) })))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

export const insertSetupToken = (db: Executor, token: { token_hash: string; created_at: string; expires_at: string }) =>
  db.insertInto('setup_tokens').values(token).execute();

export const findSetupToken = (db: Executor, tokenHash: string) => db.selectFrom('setup_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();

export async function useSetupToken(db: Executor, tokenHash: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('setup_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Marks every unused set-up token used: once the first company exists, no other printed link may make another. */
export const useAllSetupTokens = (db: Executor, now: string) => db.updateTable('setup_tokens').set({ used_at: now }).where('used_at', 'is', null).execute();
