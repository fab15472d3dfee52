import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import type { LiveEventRow, LiveEventsTable } from './live-events.table.js';

/** The PostgreSQL channel every instance listens on; the payload is the new row's id. */
export const LIVE_CHANNEL = 'arrivo_live';

/**
 * Appends an event to the log and returns the row. With `notify` (PostgreSQL fanned out by
 * LISTEN/NOTIFY) it also queues a NOTIFY in the same transaction: PostgreSQL delivers it only if
 * the transaction commits, and delivers notifications in commit order.
 */
export async function insertLiveEvent(executor: Executor, row: Omit<LiveEventsTable, 'id'>, options: { notify: boolean }): Promise<LiveEventRow> {
  const { id } = await executor.insertInto('live_events').values(row).returning('id').executeTakeFirstOrThrow();
  if (options.notify) await sql`select pg_notify(${LIVE_CHANNEL}, ${String(id)})`.execute(executor);
  return { ...row, id: Number(id) };
}

export async function findLiveEventsByIds(executor: Executor, ids: number[]): Promise<LiveEventRow[]> {
  if (ids.length === 0) return [];
  return executor.selectFrom('live_events').selectAll().where('id', 'in', ids).execute();
}

/** Rows after a cursor, oldest first (SQLite's in-process fan-out: one writer, so ids commit in order). */
export async function listLiveEventsAfter(executor: Executor, afterId: number, limit: number): Promise<LiveEventRow[]> {
  return executor.selectFrom('live_events').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

export async function maxLiveEventId(executor: Executor): Promise<number> {
  const row = await executor.selectFrom('live_events').select((eb) => eb.fn.max('id').as('max')).executeTakeFirst();
  return Number(row?.max ?? 0);
}

/** What a stream may replay after an id, oldest first; the scope narrows it to a job, a technician's jobs or one recipient. */
export async function listReplay(
  executor: Executor,
  companyId: string,
  afterId: number,
  scope: { jobId?: string; technicianId?: string; kind?: 'job'; recipient?: string },
  limit: number,
): Promise<LiveEventRow[]> {
  let query = executor.selectFrom('live_events').selectAll().where('company_id', '=', companyId).where('id', '>', afterId);
  if (scope.jobId) query = query.where('job_id', '=', scope.jobId);
  if (scope.recipient) query = query.where('recipient', '=', scope.recipient);
  if (scope.kind) query = query.where('kind', '=', scope.kind);
  if (scope.technicianId) {
    const technicianId = scope.technicianId;
    query = query.where('job_id', 'in', (eb) => eb.selectFrom('appointments').select('job_id').where('company_id', '=', companyId).where('technician_id', '=', technicianId));
  }
  return query.orderBy('id').limit(limit).execute();
}

/** The technicians with a visit on a job, who see its events on their own stream. */
export async function techniciansOfJob(executor: Executor, companyId: string, jobId: string): Promise<string[]> {
  const rows = await executor
    .selectFrom('appointments')
    .select('technician_id')
    .distinct()
    .where('company_id', '=', companyId)
    .where('job_id', '=', jobId)
    .where('technician_id', 'is not', null)
    .execute();
  return rows.map((r) => r.technician_id!);
}

export async function findJobState(executor: Executor, companyId: string, jobId: string) {
  return executor.selectFrom('jobs').select(['status', 'current_appointment_id']).where('company_id', '=', companyId).where('id', '=', jobId).executeTakeFirst();
}

export async function deleteLiveEventsBefore(executor: Executor, before: string): Promise<void> {
  await executor.deleteFrom('live_events').where('created_at', '<', before).execute();
}
