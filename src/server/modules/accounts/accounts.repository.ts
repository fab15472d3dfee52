import type { Executor } from '../../db/database.js';
import type { NewUser } from './accounts.table.js';

export const findUserByEmail = (db: Executor, email: string) =>
  db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();

export const findUser = (db: Executor, companyId: string, userId: string) =>
  db.selectFrom('users').selectAll().where('company_id', '=', companyId).where('id', '=', userId).executeTakeFirst();

export const listUsers = (db: Executor, companyId: string) =>
  db.selectFrom('users').selectAll().where('company_id', '=', companyId).orderBy('name').execute();

export const insertUser = (db: Executor, user: NewUser) => db.insertInto('users').values(user).execute();

export async function updateUser(db: Executor, companyId: string, userId: string, patch: { name?: string; role?: NewUser['role']; language?: string; active?: number; password_hash?: string; updated_at: string }) {
  await db.updateTable('users').set(patch).where('company_id', '=', companyId).where('id', '=', userId).execute();
}

export const insertSession = (
  db: Executor,
  session: { id: string; token_hash: string; company_id: string; subject_kind: 'user' | 'contact'; subject_id: string; created_at: string; expires_at: string },
) => db.insertInto('sessions').values({ ...session, last_seen_at: session.created_at }).execute();

/** The live session for a token hash, with who it belongs to. */
export async function findLiveSession(db: Executor, tokenHash: string, now: string) {
  return db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).where('expires_at', '>', now).executeTakeFirst();
}

export const touchSession = (db: Executor, sessionId: string, now: string) =>
  db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', sessionId).execute();

export const deleteSession = (db: Executor, sessionId: string) => db.deleteFrom('sessions').where('id', '=', sessionId).execute();

export const insertSignInToken = (
  db: Executor,
  token: { id: string; company_id: string; contact_id: string; token_hash: string; created_at: string; expires_at: string },
) => db.insertInto('sign_in_tokens').values(token).execute();

export async function countRecentSignInTokens(db: Executor, contactId: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('sign_in_tokens')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('contact_id', '=', contactId)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Marks an unused, unexpired sign-in token used; returns it only if this call was the one that used it. */
export async function consumeSignInToken(db: Executor, tokenHash: string, now: string) {
  const token = await db.selectFrom('sign_in_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  if (!token || token.used_at || token.expires_at <= now) return undefined;
  const result = await db.updateTable('sign_in_tokens').set({ used_at: now }).where('id', '=', token.id).where('used_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? token : undefined;
}

export const insertJobLink = (db: Executor, link: { id: string; company_id: string; job_id: string; contact_id: string; token_hash: string; created_at: string }) =>
  db.insertInto('job_links').values(link).execute();

/** A job link with its job's closing time and its contact, when it exists and is not revoked. */
export const findActiveJobLink = (db: Executor, tokenHash: string) =>
  db
    .selectFrom('job_links')
    .innerJoin('jobs', 'jobs.id', 'job_links.job_id')
    .innerJoin('contacts', 'contacts.id', 'job_links.contact_id')
    .select([
      'job_links.id',
      'job_links.company_id',
      'job_links.job_id',
      'job_links.contact_id',
      'jobs.closed_at as job_closed_at',
      'contacts.customer_id',
      'contacts.name as contact_name',
    ])
    .where('job_links.token_hash', '=', tokenHash)
    .where('job_links.revoked_at', 'is', null)
    .executeTakeFirst();

export async function revokeJobLink(db: Executor, companyId: string, jobId: string, linkId: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('job_links')
    .set({ revoked_at: now })
    .where('company_id', '=', companyId)
    .where('job_id', '=', jobId)
    .where('id', '=', linkId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export const findApiKeyByHash = (db: Executor, keyHash: string) =>
  db
    .selectFrom('api_keys')
    .innerJoin('job_sources', 'job_sources.id', 'api_keys.source_id')
    .select(['api_keys.id', 'api_keys.company_id', 'api_keys.source_id', 'api_keys.last_used_at', 'job_sources.name as source_name'])
    .where('api_keys.key_hash', '=', keyHash)
    .where('api_keys.revoked_at', 'is', null)
    .executeTakeFirst();

export const touchApiKey = (db: Executor, apiKeyId: string, now: string) =>
  db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', apiKeyId).execute();
