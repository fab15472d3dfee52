import type { Executor } from '../../db/database.js';
import { techniciansOfJob } from './live-events.repository.js';
import type { LiveEventRow } from './live-events.table.js';

/**
 * What a stream may receive, decided once when it opens (decision 008). `recipient` is the person
 * whose in-app notifications it also carries (`user:<id>` or `contact:<id>`), if any.
 */
export type StreamScope =
  /** Dispatchers and admins: every event of the company. */
  | { kind: 'company'; recipient: string }
  /** A job's contacts: that job's customer-visible events, its positions only while en route. */
  | { kind: 'job'; jobId: string; status: string; recipient: string | null }
  /** A technician: job events of the jobs they have a visit on. */
  | { kind: 'technician'; technicianId: string; recipient: string }
  /** A signed-in customer anywhere in the portal: their notifications only. */
  | { kind: 'contact'; recipient: string };

/** How a notification's recipient is written in the log and in a stream's scope. */
export const recipientKey = (kind: 'user' | 'contact', id: string) => `${kind}:${id}`;

/** One open stream. `write` takes text already in the SSE wire format. */
export interface StreamSink {
  write(chunk: string): void;
  end(): void;
}

interface OpenStream {
  companyId: string;
  scope: StreamScope;
  sink: StreamSink;
  /** Rows that arrived live while the stream was still replaying, with who had a visit then. */
  pending: { row: LiveEventRow; technicians: string[] | null }[] | null;
  /** Ids already sent on this connection, so a replayed row that also arrives live goes once. */
  sent: Set<number>;
  sentOrder: number[];
  /** When something was last written to it (Date.now()): heartbeats go to quiet streams only. */
  lastWriteAt: number;
}

const SENT_MEMORY = 2000;

/** The SSE text of one event: `id`, `event` (job | location) and the JSON payload. */
export function formatEvent(row: LiveEventRow): string {
  return `id: ${row.id}\nevent: ${row.kind}\ndata: ${row.payload}\n\n`;
}

const statusOf = (row: LiveEventRow): string | undefined => {
  try {
    return (JSON.parse(row.payload) as { status?: string }).status;
  } catch {
    return undefined;
  }
};

/** A company's open streams, grouped by what they may see, so a row only visits the streams it could reach. */
interface CompanyStreams {
  staff: Set<OpenStream>;
  technicians: Set<OpenStream>;
  byJob: Map<string, Set<OpenStream>>;
  /** Signed-in customers' portal-wide streams (notifications only). */
  contacts: Set<OpenStream>;
  /** Every stream that carries someone's notifications, by that someone. */
  byRecipient: Map<string, Set<OpenStream>>;
  size: number;
}

/**
 * The open streams of this instance and who may see what. Rows reach it once committed, in
 * commit order (from the SQLite cursor, PostgreSQL's NOTIFY or Redis); it filters each row per
 * stream. A job's position reaches the consoles and that job's viewers only: with 10,000 viewers
 * a row must not walk every stream.
 */
export class LiveHub {
  private readonly byCompany = new Map<string, CompanyStreams>();

  constructor(private readonly db: Executor) {}

  get size(): number {
    let count = 0;
    for (const company of this.byCompany.values()) count += company.size;
    return count;
  }

  /** Adds a stream that is about to replay: live rows wait in `pending` until `release`. */
  add(companyId: string, scope: StreamScope, sink: StreamSink): OpenStream {
    const stream: OpenStream = { companyId, scope, sink, pending: [], sent: new Set(), sentOrder: [], lastWriteAt: Date.now() };
    let company = this.byCompany.get(companyId);
    if (!company) {
      company = { staff: new Set(), technicians: new Set(), byJob: new Map(), contacts: new Set(), byRecipient: new Map(), size: 0 };
      this.byCompany.set(companyId, company);
    }
    const group = this.groupOf(company, scope, true)!;
    if (!group.has(stream)) company.size += 1;
    group.add(stream);
    if (scope.recipient) {
      const own = company.byRecipient.get(scope.recipient) ?? new Set();
      own.add(stream);
      company.byRecipient.set(scope.recipient, own);
    }
    return stream;
  }

  remove(stream: OpenStream): void {
    const company = this.byCompany.get(stream.companyId);
    if (!company) return;
    const group = this.groupOf(company, stream.scope, false);
    if (!group?.delete(stream)) return;
    company.size -= 1;
    if (stream.scope.kind === 'job' && group.size === 0) company.byJob.delete(stream.scope.jobId);
    const recipient = stream.scope.recipient;
    const own = recipient ? company.byRecipient.get(recipient) : undefined;
    own?.delete(stream);
    if (recipient && own?.size === 0) company.byRecipient.delete(recipient);
    if (company.size === 0) this.byCompany.delete(stream.companyId);
  }

  /** Sends replayed rows (already scoped by the query), then what arrived live meanwhile, then goes live. */
  release(stream: OpenStream, replay: LiveEventRow[]): void {
    for (const row of replay) this.offer(stream, row, null, { replay: true });
    const pending = stream.pending ?? [];
    stream.pending = null;
    for (const { row, technicians } of pending) this.offer(stream, row, technicians, { replay: false });
  }

  /** Delivers committed rows, in the order given, to every stream that may see them. */
  async deliver(rows: LiveEventRow[]): Promise<void> {
    for (const row of rows) {
      const company = this.byCompany.get(row.company_id);
      if (!company) continue;
      if (row.kind === 'notification') {
        const own = row.recipient ? company.byRecipient.get(row.recipient) : undefined;
        if (own) this.offerAll(own, row, null);
        continue;
      }
      // Technicians' streams carry job events of their own visits only: who has a visit is read
      // once per row, and only when such a stream is open.
      const technicians = row.kind === 'job' && company.technicians.size > 0 ? await techniciansOfJob(this.db, row.company_id, row.job_id) : null;
      this.offerAll(company.staff, row, technicians);
      if (technicians) this.offerAll(company.technicians, row, technicians);
      const viewers = company.byJob.get(row.job_id);
      if (viewers) this.offerAll(viewers, row, technicians);
    }
  }

  /** A comment line to each stream quiet for `quietForMs`: keeps proxies and load balancers from closing it. */
  heartbeat(quietForMs: number): void {
    // A stream that carried an event lately needs no comment: with 10,000 busy streams, writing
    // one to each at once would hold every delivery up for the time it takes.
    const before = Date.now() - quietForMs;
    for (const stream of this.streams()) {
      if (stream.pending || stream.lastWriteAt > before) continue;
      stream.lastWriteAt = Date.now();
      stream.sink.write(': heartbeat\n\n');
    }
  }

  closeAll(): void {
    for (const stream of [...this.streams()]) stream.sink.end();
    this.byCompany.clear();
  }

  private *streams(): Iterable<OpenStream> {
    for (const company of this.byCompany.values()) {
      yield* company.staff;
      yield* company.technicians;
      yield* company.contacts;
      for (const viewers of company.byJob.values()) yield* viewers;
    }
  }

  private groupOf(company: CompanyStreams, scope: StreamScope, create: boolean): Set<OpenStream> | undefined {
    switch (scope.kind) {
      case 'company':
        return company.staff;
      case 'technician':
        return company.technicians;
      case 'contact':
        return company.contacts;
      case 'job': {
        let viewers = company.byJob.get(scope.jobId);
        if (!viewers && create) {
          viewers = new Set();
          company.byJob.set(scope.jobId, viewers);
        }
        return viewers;
      }
    }
  }

  private offerAll(streams: Set<OpenStream>, row: LiveEventRow, technicians: string[] | null) {
    for (const stream of streams) {
      if (stream.pending) stream.pending.push({ row, technicians });
      else this.offer(stream, row, technicians, { replay: false });
    }
  }

  private offer(stream: OpenStream, row: LiveEventRow, technicians: string[] | null, options: { replay: boolean }) {
    if (stream.sent.has(row.id) || !this.mayReceive(stream, row, technicians, options)) return;
    stream.sent.add(row.id);
    stream.sentOrder.push(row.id);
    if (stream.sentOrder.length > SENT_MEMORY) stream.sent.delete(stream.sentOrder.shift()!);
    stream.lastWriteAt = Date.now();
    stream.sink.write(formatEvent(row));
  }

  private mayReceive(stream: OpenStream, row: LiveEventRow, technicians: string[] | null, options: { replay: boolean }): boolean {
    const scope = stream.scope;
    if (row.kind === 'notification') return row.recipient !== null && row.recipient === scope.recipient;
    switch (scope.kind) {
      case 'company':
        return true;
      case 'contact':
        return false;
      case 'technician':
        // Replayed rows were selected by the technician's visits already.
        return row.kind === 'job' && (options.replay || (technicians ?? []).includes(scope.technicianId));
      case 'job': {
        if (row.job_id !== scope.jobId) return false;
        if (row.kind === 'job') {
          // The job's status follows its own events, so a position never reaches the customer
          // once a later event (started, cancelled…) took the job out of en route. Replayed
          // rows are older than the status read when the stream opened: they do not move it.
          const status = options.replay ? undefined : statusOf(row);
          if (status) scope.status = status;
          return row.audience === 'customer';
        }
        return row.audience === 'customer' && scope.status === 'en_route';
      }
    }
  }
}
