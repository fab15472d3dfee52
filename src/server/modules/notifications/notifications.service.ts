import type { AppContext } from '../../context.js';
import { notFound } from '../../lib/errors.js';
import type { OutboxStatus } from './notifications.table.js';
import { countOutboxByStatus, listOutbox, requeueParked } from './outbox.repository.js';

export interface NotificationDto {
  id: string;
  type: string;
  jobId: string | null;
  title: string;
  body: string;
  readAt: string | null;
  createdAt: string;
}

/**
 * In-app notifications (the bell) for staff and customers: listing and marking read. They are
 * written by the notification planner in the same transaction as the step that caused them.
 */
export class NotificationsService {
  constructor(private readonly ctx: AppContext) {}

  async list(companyId: string, recipient: { kind: 'user' | 'contact'; id: string }, options: { unreadOnly: boolean; limit: number }) {
    let query = this.ctx.db
      .selectFrom('notifications')
      .selectAll()
      .where('company_id', '=', companyId)
      .where('recipient_kind', '=', recipient.kind)
      .where('recipient_id', '=', recipient.id);
    if (options.unreadOnly) query = query.where('read_at', 'is', null);
    const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
    const unread = await this.ctx.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('company_id', '=', companyId)
      .where('recipient_kind', '=', recipient.kind)
      .where('recipient_id', '=', recipient.id)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return {
      unreadCount: Number(unread.count),
      items: rows.map((r): NotificationDto => ({ id: r.id, type: r.type, jobId: r.job_id, title: r.title, body: r.body, readAt: r.read_at, createdAt: r.created_at })),
    };
  }

  async markRead(companyId: string, recipient: { kind: 'user' | 'contact'; id: string }, notificationId: string) {
    const result = await this.ctx.db
      .updateTable('notifications')
      .set({ read_at: this.ctx.clock.now().toISOString() })
      .where('company_id', '=', companyId)
      .where('recipient_kind', '=', recipient.kind)
      .where('recipient_id', '=', recipient.id)
      .where('id', '=', notificationId)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      const exists = await this.ctx.db
        .selectFrom('notifications')
        .select('id')
        .where('company_id', '=', companyId)
        .where('recipient_kind', '=', recipient.kind)
        .where('recipient_id', '=', recipient.id)
        .where('id', '=', notificationId)
        .executeTakeFirst();
      if (!exists) throw notFound('NOTIFICATION_NOT_FOUND', 'No such notification.');
    }
  }

  /** The delivery queue of a company, for the admin's view, with counts by status. */
  async outbox(companyId: string, filter: { status?: OutboxStatus; limit: number }) {
    const [rows, counts] = await Promise.all([listOutbox(this.ctx.db, companyId, filter), countOutboxByStatus(this.ctx.db, companyId)]);
    const userIds = rows.filter((r) => r.recipient_kind === 'user').map((r) => r.recipient_id);
    const contactIds = rows.filter((r) => r.recipient_kind === 'contact').map((r) => r.recipient_id);
    const names = new Map<string, string>();
    if (userIds.length) for (const u of await this.ctx.db.selectFrom('users').select(['id', 'name']).where('id', 'in', userIds).execute()) names.set(u.id, u.name);
    if (contactIds.length) for (const c of await this.ctx.db.selectFrom('contacts').select(['id', 'name']).where('id', 'in', contactIds).execute()) names.set(c.id, c.name);
    return {
      counts: Object.fromEntries(counts.map((c) => [c.status, Number(c.count)])),
      items: rows.map((r) => ({
        id: r.id,
        eventKey: r.event_key,
        recipient: { kind: r.recipient_kind, id: r.recipient_id, name: names.get(r.recipient_id) ?? null },
        channel: r.channel,
        template: r.template,
        jobId: r.job_id,
        status: r.status,
        attempts: r.attempts,
        nextAttemptAt: r.next_attempt_at,
        lastError: r.last_error,
        sentAt: r.sent_at,
        createdAt: r.created_at,
      })),
    };
  }

  async retryParked(companyId: string, messageId: string) {
    if (!(await requeueParked(this.ctx.db, companyId, messageId, this.ctx.clock.now().toISOString()))) {
      throw notFound('PARKED_MESSAGE_NOT_FOUND', 'No parked message with this id.');
    }
  }

  /** Marks every e-mail and SMS still waiting for a company as skipped, e.g. for history imported or seeded after the fact. */
  async discardPending(companyId: string, reason: string) {
    await this.ctx.db.updateTable('outbox_messages').set({ status: 'skipped', last_error: reason }).where('company_id', '=', companyId).where('status', '=', 'pending').execute();
  }
}
