import { sql, type Insertable } from 'kysely';
import type { Executor, Trx } from '../../db/database.js';
import type { JobMessagesTable, MessageAuthorKind } from './messaging.table.js';

/** The inbox shows this much of the last message. */
const PREVIEW_LENGTH = 160;

export const insertMessage = (trx: Trx, row: Insertable<JobMessagesTable>) => trx.insertInto('job_messages').values(row).execute();

/** A job's messages, oldest first (a conversation reads downwards). */
export const listMessages = (db: Executor, companyId: string, jobId: string, limit: number) =>
  db
    .selectFrom('job_messages')
    .selectAll()
    .where('company_id', '=', companyId)
    .where('job_id', '=', jobId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
    .then((rows) => rows.reverse());

export const findThread = (db: Executor, companyId: string, jobId: string) =>
  db.selectFrom('message_threads').selectAll().where('company_id', '=', companyId).where('job_id', '=', jobId).executeTakeFirst();

/**
 * Moves the conversation's summary to its newest message. The counters change in SQL, so two
 * messages committing at once both count.
 */
export async function touchThread(trx: Trx, row: { companyId: string; jobId: string; at: string; authorKind: MessageAuthorKind; authorName: string; body: string }) {
  const preview = row.body.length > PREVIEW_LENGTH ? `${row.body.slice(0, PREVIEW_LENGTH - 1)}…` : row.body;
  const fromCustomer = row.authorKind === 'contact' ? 1 : 0;
  await trx
    .insertInto('message_threads')
    .values({
      job_id: row.jobId,
      company_id: row.companyId,
      last_message_at: row.at,
      last_author_kind: row.authorKind,
      last_author_name: row.authorName,
      last_preview: preview,
      message_count: 1,
      unread_for_staff: fromCustomer,
      staff_read_at: null,
    })
    .onConflict((oc) =>
      oc.column('job_id').doUpdateSet({
        last_message_at: row.at,
        last_author_kind: row.authorKind,
        last_author_name: row.authorName,
        last_preview: preview,
        message_count: sql<number>`message_threads.message_count + 1`,
        // A reply from the office answers what was waiting: the conversation is no longer unread.
        unread_for_staff: fromCustomer ? sql<number>`message_threads.unread_for_staff + 1` : 0,
        ...(fromCustomer ? {} : { staff_read_at: row.at }),
      }),
    )
    .execute();
}

export const markThreadRead = (db: Executor, companyId: string, jobId: string, at: string) =>
  db.updateTable('message_threads').set({ unread_for_staff: 0, staff_read_at: at }).where('company_id', '=', companyId).where('job_id', '=', jobId).execute();

/** The console's inbox: conversations waiting for the office first, then the most recent. */
export function listThreads(db: Executor, companyId: string, filter: { unreadOnly: boolean; limit: number; offset: number }) {
  let query = db
    .selectFrom('message_threads')
    .innerJoin('jobs', 'jobs.id', 'message_threads.job_id')
    .innerJoin('customers', 'customers.id', 'jobs.customer_id')
    .innerJoin('service_categories', 'service_categories.id', 'jobs.category_id')
    .select([
      'message_threads.job_id',
      'message_threads.last_message_at',
      'message_threads.last_author_kind',
      'message_threads.last_author_name',
      'message_threads.last_preview',
      'message_threads.message_count',
      'message_threads.unread_for_staff',
      'jobs.reference',
      'jobs.status',
      'customers.name as customer_name',
      'service_categories.name as category_name',
    ])
    .where('message_threads.company_id', '=', companyId);
  if (filter.unreadOnly) query = query.where('message_threads.unread_for_staff', '>', 0);
  return query
    .orderBy(sql`case when message_threads.unread_for_staff > 0 then 0 else 1 end`)
    .orderBy('message_threads.last_message_at', 'desc')
    .orderBy('message_threads.job_id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
}

export async function countUnreadThreads(db: Executor, companyId: string): Promise<number> {
  const row = await db
    .selectFrom('message_threads')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('company_id', '=', companyId)
    .where('unread_for_staff', '>', 0)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Whether this technician has the job's current visit: what "assigned to them" means for messages. */
export async function isTechnicianOnJob(db: Executor, companyId: string, jobId: string, technicianId: string): Promise<boolean> {
  const row = await db
    .selectFrom('jobs')
    .innerJoin('appointments', 'appointments.id', 'jobs.current_appointment_id')
    .select('jobs.id')
    .where('jobs.company_id', '=', companyId)
    .where('jobs.id', '=', jobId)
    .where('appointments.technician_id', '=', technicianId)
    .executeTakeFirst();
  return row !== undefined;
}
