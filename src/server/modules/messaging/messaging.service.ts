import type { AppContext } from '../../context.js';
import { invalidField, notFound } from '../../lib/errors.js';
import type { DomainEvent } from '../../lib/events.js';
import { newId } from '../../lib/ids.js';
import { actorOf, type PortalPrincipal, type StaffPrincipal } from '../accounts/principal.js';
import * as jobsRepo from '../jobs/jobs.repository.js';
import type { PortalService } from '../portal/portal.service.js';
import * as repo from './messaging.repository.js';
import { MESSAGE_MAX_LENGTH } from './messaging.schemas.js';
import type { JobMessageRow, MessageAuthorKind } from './messaging.table.js';

/** A conversation shows its latest messages; older ones are history nobody scrolls to on a phone. */
const THREAD_LIMIT = 500;

/**
 * The domain events of a message. Both are job events, so the live log carries them to the job's
 * open screens (decision 008); neither is a timeline entry, so each names its own notification key.
 */
export const MESSAGE_EVENTS = { fromCustomer: 'job.customer_message', fromStaff: 'job.staff_message' } as const;

interface Author {
  kind: MessageAuthorKind;
  id: string;
}

export interface MessageDto {
  id: string;
  text: string;
  author: { kind: 'customer' | 'staff'; name: string };
  mine: boolean;
  createdAt: string;
}

/**
 * Messages: one conversation per job between the customer's contacts and the company. A customer
 * sees the thread of the jobs the portal lets them open; office staff see every thread of their
 * company; a technician those of the jobs whose current visit is theirs. A customer's message
 * notifies the dispatchers (`customer_message`), a reply from the company notifies the job's
 * contacts (`staff_message`), through the notification planner.
 */
export class MessagingService {
  constructor(
    private readonly ctx: AppContext,
    private readonly deps: { portal: PortalService },
  ) {}

  // ---------------------------------------------------------------- the customer's side

  async customerThread(principal: PortalPrincipal, jobId: string) {
    await this.deps.portal.requireJobAccess(principal, jobId);
    const rows = await repo.listMessages(this.ctx.db, principal.companyId, jobId, THREAD_LIMIT);
    return { items: rows.map((row) => toDto(row, { kind: 'contact', id: principal.contactId })), unreadCount: 0 };
  }

  async postFromCustomer(principal: PortalPrincipal, jobId: string, text: string): Promise<MessageDto> {
    await this.deps.portal.requireJobAccess(principal, jobId);
    return this.post(principal.companyId, jobId, actorOf(principal), { kind: 'contact', id: principal.contactId }, text);
  }

  // ---------------------------------------------------------------- the company's side

  async staffThread(principal: StaffPrincipal, jobId: string) {
    await this.requireStaffJob(principal, jobId);
    const [rows, thread] = await Promise.all([repo.listMessages(this.ctx.db, principal.companyId, jobId, THREAD_LIMIT), repo.findThread(this.ctx.db, principal.companyId, jobId)]);
    return { items: rows.map((row) => toDto(row, { kind: 'user', id: principal.userId })), unreadCount: thread?.unread_for_staff ?? 0 };
  }

  async postFromStaff(principal: StaffPrincipal, jobId: string, text: string): Promise<MessageDto> {
    await this.requireStaffJob(principal, jobId);
    return this.post(principal.companyId, jobId, actorOf(principal), { kind: 'user', id: principal.userId }, text);
  }

  /** The office opened the conversation: it leaves the inbox's "waiting" group for everyone in the office. */
  async markRead(principal: StaffPrincipal, jobId: string) {
    await this.requireStaffJob(principal, jobId);
    await repo.markThreadRead(this.ctx.db, principal.companyId, jobId, this.ctx.clock.now().toISOString());
    return { ok: true as const };
  }

  async inbox(principal: StaffPrincipal, query: { unread?: boolean; limit: number; offset: number }) {
    const [rows, unreadThreads] = await Promise.all([
      // One more than asked tells whether there is a next page.
      repo.listThreads(this.ctx.db, principal.companyId, { unreadOnly: query.unread === true, limit: query.limit + 1, offset: query.offset }),
      repo.countUnreadThreads(this.ctx.db, principal.companyId),
    ]);
    return {
      items: rows.slice(0, query.limit).map((row) => ({
        jobId: row.job_id,
        reference: row.reference,
        customerName: row.customer_name,
        category: row.category_name,
        status: row.status,
        messageCount: Number(row.message_count),
        unreadCount: Number(row.unread_for_staff),
        lastMessage: { text: row.last_preview, author: { kind: authorSide(row.last_author_kind), name: row.last_author_name }, at: row.last_message_at },
      })),
      unreadThreads,
      hasMore: rows.length > query.limit,
    };
  }

  /** Staff of the job's company; a technician only on a job whose current visit is theirs. Anyone else: 404. */
  private async requireStaffJob(principal: StaffPrincipal, jobId: string) {
    const job = await jobsRepo.findJob(this.ctx.db, principal.companyId, jobId);
    const allowed = job !== undefined && (principal.role !== 'technician' || (await repo.isTechnicianOnJob(this.ctx.db, principal.companyId, jobId, principal.userId)));
    if (!allowed) throw notFound('JOB_NOT_FOUND', 'No such job.');
    return job;
  }

  private async post(companyId: string, jobId: string, actor: DomainEvent['actor'], author: Author, text: string): Promise<MessageDto> {
    const body = text.trim();
    if (!body) throw invalidField('text', 'is required');
    if (body.length > MESSAGE_MAX_LENGTH) throw invalidField('text', `must be at most ${MESSAGE_MAX_LENGTH} characters`);
    const id = newId();
    const at = this.ctx.clock.now().toISOString();
    const fromCustomer = author.kind === 'contact';
    const event: DomainEvent = {
      type: fromCustomer ? MESSAGE_EVENTS.fromCustomer : MESSAGE_EVENTS.fromStaff,
      companyId,
      jobId,
      actor,
      // `text` is what staff templates quote (noteText), `message` what customer templates quote.
      // The live log only keeps the type: the screens fetch the thread, with their own access check.
      data: { messageId: id, visibility: 'customer', notificationKey: `message:${id}`, ...(fromCustomer ? { text: body } : { message: body }) },
      occurredAt: at,
    };
    await this.ctx.db.transaction().execute(async (trx) => {
      await repo.insertMessage(trx, { id, company_id: companyId, job_id: jobId, author_kind: author.kind, author_id: author.id, author_name: actor.name, body, created_at: at });
      await repo.touchThread(trx, { companyId, jobId, at, authorKind: author.kind, authorName: actor.name, body });
      await this.ctx.bus.dispatchInTransaction(trx, event);
    });
    await this.ctx.bus.publish(event);
    return { id, text: body, author: { kind: authorSide(author.kind), name: actor.name }, mine: true, createdAt: at };
  }
}

const authorSide = (kind: MessageAuthorKind) => (kind === 'contact' ? ('customer' as const) : ('staff' as const));

function toDto(row: JobMessageRow, me: Author): MessageDto {
  return {
    id: row.id,
    text: row.body,
    author: { kind: authorSide(row.author_kind), name: row.author_name },
    mine: row.author_kind === me.kind && row.author_id === me.id,
    createdAt: row.created_at,
  };
}
