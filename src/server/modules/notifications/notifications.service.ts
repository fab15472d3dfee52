import type { AppContext } from '../../context.js';
import { notFound } from '../../lib/errors.js';
import type { DomainEvent } from '../../lib/events.js';
import { newId } from '../../lib/ids.js';

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
 * In-app notifications (the bell). Subscribes to domain events; for now it tells every dispatcher
 * when a customer adds a note or photo. E-mail and SMS delivery build on the same events.
 */
export class NotificationsService {
  constructor(private readonly ctx: AppContext) {}

  subscribe() {
    this.ctx.bus.subscribe('job.note_added', (event) => this.onNoteAdded(event));
  }

  private async onNoteAdded(event: DomainEvent) {
    if (event.actor.kind !== 'contact' || !event.jobId) return;
    const job = await this.ctx.db.selectFrom('jobs').select(['reference']).where('id', '=', event.jobId).executeTakeFirst();
    const dispatchers = await this.ctx.db
      .selectFrom('users')
      .select('id')
      .where('company_id', '=', event.companyId)
      .where('role', '=', 'dispatcher')
      .where('active', '=', 1)
      .execute();
    if (!job || dispatchers.length === 0) return;
    const text = String(event.data.text ?? '');
    const photos = Number(event.data.attachmentCount ?? 0);
    const body = [text.length > 140 ? `${text.slice(0, 139)}…` : text, photos ? `${photos} file${photos === 1 ? '' : 's'} attached` : ''].filter(Boolean).join(' · ');
    await this.ctx.db
      .insertInto('notifications')
      .values(
        dispatchers.map((d) => ({
          id: newId(),
          company_id: event.companyId,
          recipient_kind: 'user' as const,
          recipient_id: d.id,
          type: 'customer_note',
          job_id: event.jobId!,
          title: `${event.actor.name} added a note to ${job.reference}`,
          body,
          created_at: event.occurredAt,
        })),
      )
      .execute();
  }

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
}
