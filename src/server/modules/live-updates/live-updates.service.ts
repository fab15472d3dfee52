import type { AppContext } from '../../context.js';
import type { Trx } from '../../db/database.js';
import type { DomainEvent } from '../../lib/events.js';
import type { Principal } from '../accounts/principal.js';
import type { PortalService } from '../portal/portal.service.js';
import { deleteLiveEventsBefore, findJobState, insertLiveEvent, listReplay } from './live-events.repository.js';
import type { LiveEventRow } from './live-events.table.js';
import { InProcessFanOut, PostgresFanOut, RedisFanOut, type FanOut } from './live-fan-out.js';
import { LiveHub, recipientKey, type StreamScope, type StreamSink } from './live-hub.js';


/** A step on a job's timeline: the job's own, and its estimates', invoices' and payments' (billing and payments modules). */
const JOB_STEP = /^(job|estimate|invoice|payment)\./;
/** How long the log keeps events for resume. */
const KEEP_MS = 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 10 * 60 * 1000;
/** The most a resume replays; a client further behind reloads its page's data anyway. */
const REPLAY_LIMIT = 5000;
/**
 * On PostgreSQL ids are taken when rows are written and may commit out of order: a client's
 * Last-Event-ID can be higher than an id that committed after it. A resume therefore also
 * replays job events this far below it (decision 008); clients take a repeat as one more refresh.
 */
export const POSTGRES_REPLAY_OVERLAP = 100;

/** The data a `notification.created` event carries (contract with the notifications module). */
interface NotificationData {
  notificationId: string;
  recipientKind: 'user' | 'contact';
  recipientId: string;
  type: string;
  title: string;
}

/** The data a `tracking.location` event carries (contract with the tracking module). */
interface LocationData {
  jobId: string;
  appointmentId: string;
}

/**
 * Live updates (decision 008): keeps a 24-hour log of job events (written in the transaction of
 * the change) and technician positions, fans committed rows out to the streams open on this
 * instance, and replays what a reconnecting client missed.
 */
export class LiveUpdatesService {
  /** How often an open stream gets a comment line; tests shorten it. */
  heartbeatMs = 15_000;
  private readonly hub: LiveHub;
  private readonly fanOut: FanOut;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private lastPruneAt = 0;
  /**
   * The log rows each transaction wrote, handed to the fan-out once it committed: the first event
   * of that transaction published after the commit takes them all (a step and the notifications
   * it caused travel together).
   */
  private readonly rowsOf = new WeakMap<Trx, LiveEventRow[]>();
  private readonly transactionOf = new WeakMap<DomainEvent, Trx>();

  constructor(
    private readonly ctx: AppContext,
    private readonly deps: { portal: PortalService },
  ) {
    this.hub = new LiveHub(ctx.db);
    this.fanOut = createFanOut(ctx, this.hub);
    ctx.bus.subscribeInTransaction('*', async (trx, event) => {
      let row: LiveEventRow | undefined;
      if (JOB_STEP.test(event.type) && event.jobId) row = await this.recordJobEvent(trx, event);
      else if (event.type === 'tracking.location') row = await this.recordLocation(trx, event);
      else if (event.type === 'notification.created') row = await this.recordNotification(trx, event);
      if (!row) return;
      const rows = this.rowsOf.get(trx) ?? [];
      rows.push(row);
      this.rowsOf.set(trx, rows);
      this.transactionOf.set(event, trx);
    });
    ctx.bus.subscribe('*', async (event) => {
      const trx = this.transactionOf.get(event);
      const rows = trx && this.rowsOf.get(trx);
      if (!rows) return;
      this.rowsOf.delete(trx);
      this.fanOut.committed(rows);
      await this.pruneNowAndThen();
    });
  }

  /** The streams open on this instance. */
  get openStreams(): number {
    return this.hub.size;
  }

  /** Who may see what on the stream this principal opens; a portal caller only ever gets one job of theirs. */
  async scopeFor(principal: Principal, jobId?: string): Promise<{ companyId: string; scope: StreamScope }> {
    switch (principal.role) {
      case 'dispatcher':
      case 'admin':
        return { companyId: principal.companyId, scope: { kind: 'company', recipient: recipientKey('user', principal.userId) } };
      case 'technician':
        return { companyId: principal.companyId, scope: { kind: 'technician', technicianId: principal.userId, recipient: recipientKey('user', principal.userId) } };
      case 'job_link':
      case 'customer_member':
      case 'customer_admin': {
        // Only a signed-in customer has a notification centre; a job link shows the one job.
        const recipient = principal.role === 'job_link' ? null : recipientKey('contact', principal.contactId);
        if (!jobId) {
          if (!recipient) throw new Error('a job link opens its job stream only');
          return { companyId: principal.companyId, scope: { kind: 'contact', recipient } };
        }
        const job = await this.deps.portal.requireJobAccess(principal, jobId);
        return { companyId: principal.companyId, scope: { kind: 'job', jobId, status: job.status, recipient } };
      }
      default:
        throw new Error(`access table let ${principal.role} reach a live stream`);
    }
  }

  /**
   * Opens a stream: sends the retry delay, replays what the caller may see after `lastEventId`,
   * then everything new as it commits. Returns the function that closes it.
   */
  async open(companyId: string, scope: StreamScope, lastEventId: number | null, sink: StreamSink): Promise<() => void> {
    await this.fanOut.start();
    this.startHeartbeat();
    const stream = this.hub.add(companyId, scope, sink);
    try {
      sink.write('retry: 3000\n\n');
      const replay = lastEventId === null ? [] : await this.replay(companyId, scope, lastEventId);
      this.hub.release(stream, replay);
    } catch (error) {
      this.hub.remove(stream);
      throw error;
    }
    return () => this.hub.remove(stream);
  }

  /** Ends every stream (the server is closing; clients reconnect elsewhere and resume). */
  closeStreams(): void {
    this.hub.closeAll();
  }

  async stop(): Promise<void> {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
    this.hub.closeAll();
    await this.fanOut.stop();
  }

  private startHeartbeat() {
    if (this.heartbeatTimer) return;
    // Checked three times per period, so no stream stays quiet much longer than heartbeatMs.
    this.heartbeatTimer = setInterval(() => this.hub.heartbeat(this.heartbeatMs * (2 / 3)), this.heartbeatMs / 3);
    this.heartbeatTimer.unref();
  }

  private async replay(companyId: string, scope: StreamScope, lastEventId: number): Promise<LiveEventRow[]> {
    const overlap = this.ctx.dbKind === 'postgres' ? POSTGRES_REPLAY_OVERLAP : 0;
    const rows = await listReplay(
      this.ctx.db,
      companyId,
      Math.max(0, lastEventId - overlap),
      scope.kind === 'job'
        ? { jobId: scope.jobId }
        : scope.kind === 'technician'
          ? { technicianId: scope.technicianId, kind: 'job' }
          : scope.kind === 'contact'
            ? { recipient: scope.recipient }
            : {},
      REPLAY_LIMIT,
    );
    // Only a job's newest position matters, and none the client has already seen (an older
    // position would move the marker backwards); a customer gets positions only while en route.
    const newestPosition = new Map<string, number>();
    for (const row of rows) if (row.kind === 'location') newestPosition.set(row.job_id, row.id);
    return rows.filter((row) => {
      if (row.kind === 'notification') return row.id > lastEventId && row.recipient === scope.recipient;
      if (scope.kind === 'contact') return false;
      if (row.kind === 'job') return scope.kind !== 'job' || row.audience === 'customer';
      if (row.id <= lastEventId || newestPosition.get(row.job_id) !== row.id) return false;
      return scope.kind !== 'job' || (row.audience === 'customer' && scope.status === 'en_route');
    });
  }

  /** In the transaction of the change: the log row commits (and, with LISTEN/NOTIFY, is announced) with it. */
  private async recordJobEvent(trx: Trx, event: DomainEvent): Promise<LiveEventRow | undefined> {
    const job = await findJobState(trx, event.companyId, event.jobId!);
    if (!job) return undefined;
    return insertLiveEvent(trx, {
      company_id: event.companyId,
      job_id: event.jobId!,
      kind: 'job',
      audience: event.data.visibility === 'customer' ? 'customer' : 'staff',
      payload: JSON.stringify({ jobId: event.jobId, type: event.type, status: job.status, at: event.occurredAt }),
      recipient: null,
      created_at: this.ctx.clock.now().toISOString(),
    }, { notify: this.fanOut.notifyInTransaction });
  }

  /**
   * A position, in the tracking module's transaction. The job's contacts may see it only if the
   * job is en route on the visit the position belongs to; staff see every position.
   */
  private async recordLocation(trx: Trx, event: DomainEvent): Promise<LiveEventRow | undefined> {
    const data = event.data as unknown as LocationData;
    if (!data.jobId) return undefined;
    const job = await findJobState(trx, event.companyId, data.jobId);
    if (!job) return undefined;
    const forCustomer = job.status === 'en_route' && job.current_appointment_id === data.appointmentId;
    return insertLiveEvent(trx, {
      company_id: event.companyId,
      job_id: data.jobId,
      kind: 'location',
      audience: forCustomer ? 'customer' : 'staff',
      payload: JSON.stringify(event.data),
      recipient: null,
      created_at: this.ctx.clock.now().toISOString(),
    }, { notify: this.fanOut.notifyInTransaction });
  }

  /** An in-app notification, in the transaction that created it: for its one recipient's streams only. */
  private async recordNotification(trx: Trx, event: DomainEvent): Promise<LiveEventRow | undefined> {
    const data = event.data as unknown as NotificationData;
    if (!event.jobId) return undefined;
    return insertLiveEvent(trx, {
      company_id: event.companyId,
      job_id: event.jobId,
      kind: 'notification',
      audience: data.recipientKind === 'contact' ? 'customer' : 'staff',
      payload: JSON.stringify({ id: data.notificationId, jobId: event.jobId, type: data.type, title: data.title, at: event.occurredAt }),
      recipient: recipientKey(data.recipientKind, data.recipientId),
      created_at: this.ctx.clock.now().toISOString(),
    }, { notify: this.fanOut.notifyInTransaction });
  }

  /** Drops what is older than a day, at most every ten minutes (an indexed range delete). */
  private async pruneNowAndThen() {
    if (Date.now() - this.lastPruneAt < PRUNE_EVERY_MS) return;
    this.lastPruneAt = Date.now();
    await deleteLiveEventsBefore(this.ctx.db, new Date(this.ctx.clock.now().getTime() - KEEP_MS).toISOString());
  }
}

/**
 * SQLite: one instance, a cursor over the log. PostgreSQL: LISTEN/NOTIFY, or Redis pub/sub when
 * `REDIS_URL` is set (the row travels whole, so instances need not read it back).
 */
function createFanOut(ctx: AppContext, hub: LiveHub): FanOut {
  const database = ctx.config.database;
  if (database.kind === 'sqlite') return new InProcessFanOut(ctx.db, hub, ctx.logger);
  if (ctx.config.redisUrl) return new RedisFanOut(ctx.config.redisUrl, redisChannelFor(database.url), ctx.db, hub, ctx.logger);
  return new PostgresFanOut(database.url, ctx.db, hub, ctx.logger);
}

/** `arrivo:live:<host:port/database>`: instances of one deployment share it, other deployments on the same Redis do not. */
export function redisChannelFor(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  return `arrivo:live:${url.hostname}:${url.port || '5432'}${url.pathname || '/'}`;
}
