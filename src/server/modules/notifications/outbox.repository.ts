import type { Insertable } from 'kysely';
import type { DatabaseKind, Executor } from '../../db/database.js';
import type { OutboxMessagesTable, OutboxStatus } from './notifications.table.js';

/** Plans messages; one already planned for the same (event, recipient, channel) is left as it is. */
export async function insertOutboxMessages(db: Executor, rows: Insertable<OutboxMessagesTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('outbox_messages')
    .values(rows)
    .onConflict((oc) => oc.columns(['event_key', 'recipient_kind', 'recipient_id', 'channel']).doNothing())
    .execute();
}

/**
 * Takes up to `limit` due messages for this worker until `lockedUntil`. On PostgreSQL the rows are
 * picked with FOR UPDATE SKIP LOCKED, so several workers take disjoint batches; SQLite has one
 * writer at a time, which gives the same guarantee. A message whose lock ran out (its worker died)
 * is due again.
 */
export async function claimDueMessages(db: Executor, kind: DatabaseKind, workerId: string, now: string, lockedUntil: string, limit: number) {
  let due = db
    .selectFrom('outbox_messages')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .orderBy('next_attempt_at')
    .limit(limit);
  if (kind === 'postgres') due = due.forUpdate().skipLocked();
  return db
    .updateTable('outbox_messages')
    .set((eb) => ({ locked_by: workerId, locked_until: lockedUntil, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', due)
    .returningAll()
    .execute();
}

/** Finishes a message this worker holds; false if it no longer holds it (its lock ran out and another took it). */
export async function finishMessage(
  db: Executor,
  id: string,
  workerId: string,
  outcome: { status: OutboxStatus; sentAt?: string; lastError?: string | null; nextAttemptAt?: string; attempts?: number },
): Promise<boolean> {
  const result = await db
    .updateTable('outbox_messages')
    .set({
      status: outcome.status,
      locked_by: null,
      locked_until: null,
      ...(outcome.sentAt !== undefined && { sent_at: outcome.sentAt }),
      ...(outcome.lastError !== undefined && { last_error: outcome.lastError }),
      ...(outcome.nextAttemptAt !== undefined && { next_attempt_at: outcome.nextAttemptAt }),
      ...(outcome.attempts !== undefined && { attempts: outcome.attempts }),
    })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function listOutbox(db: Executor, companyId: string, filter: { status?: OutboxStatus; limit: number }) {
  let query = db.selectFrom('outbox_messages').selectAll().where('company_id', '=', companyId);
  if (filter.status) query = query.where('status', '=', filter.status);
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}

export async function countOutboxByStatus(db: Executor, companyId: string) {
  return db
    .selectFrom('outbox_messages')
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .where('company_id', '=', companyId)
    .groupBy('status')
    .execute();
}

/** Puts a parked message back in the queue, due now, with its tries counted afresh. */
export async function requeueParked(db: Executor, companyId: string, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('outbox_messages')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now, locked_by: null, locked_until: null })
    .where('company_id', '=', companyId)
    .where('id', '=', id)
    .where('status', '=', 'parked')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Renews this worker's hold on a message just before sending it, so no other worker can take it
 * over mid-send; false if the message is no longer this worker's to send.
 */
export async function renewHold(db: Executor, id: string, workerId: string, lockedUntil: string): Promise<boolean> {
  const result = await db
    .updateTable('outbox_messages')
    .set({ locked_until: lockedUntil })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
