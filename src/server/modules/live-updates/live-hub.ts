import type { Executor } from '../../db/database.js';
import { techniciansOfJob } from './live-events.repository.js';
import type { LiveEventRow } from './live-events.table.js';

/** What a stream may receive, decided once when it opens (decision 008). */
export type StreamScope =
  /** Dispatchers and admins: every event of the company. */
  | { kind: 'company' }
  /** A job's contacts: that job's customer-visible events, its positions only while en route. */
  | { kind: 'job'; jobId: string; status: string }
  /** A technician: job events of the jobs they have a visit on. */
  | { kind: 'technician'; technicianId: string };

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

/**
 * The open streams of this instance and who may see what. Rows reach it once committed, in
 * commit order (from the SQLite cursor or PostgreSQL's NOTIFY); it filters each row per stream.
 */
export class LiveHub {
  private readonly byCompany = new Map<string, Set<OpenStream>>();

  constructor(private readonly db: Executor) {}

  get size(): number {
    let count = 0;
    for (const set of this.byCompany.values()) count += set.size;
    return count;
  }

  /** Adds a stream that is about to replay: live rows wait in `pending` until `release`. */
  add(companyId: string, scope: StreamScope, sink: StreamSink): OpenStream {
    const stream: OpenStream = { companyId, scope, sink, pending: [], sent: new Set(), sentOrder: [] };
    const set = this.byCompany.get(companyId) ?? new Set();
    set.add(stream);
    this.byCompany.set(companyId, set);
    return stream;
  }

  remove(stream: OpenStream): void {
    const set = this.byCompany.get(stream.companyId);
    set?.delete(stream);
    if (set?.size === 0) this.byCompany.delete(stream.companyId);
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
      const streams = this.byCompany.get(row.company_id);
      if (!streams || streams.size === 0) continue;
      let technicians: string[] | null = null;
      if (row.kind === 'job' && [...streams].some((s) => s.scope.kind === 'technician')) {
        technicians = await techniciansOfJob(this.db, row.company_id, row.job_id);
      }
      for (const stream of streams) {
        if (stream.pending) stream.pending.push({ row, technicians });
        else this.offer(stream, row, technicians, { replay: false });
      }
    }
  }

  /** A comment line: keeps proxies and load balancers from closing a quiet stream. */
  heartbeat(): void {
    for (const set of this.byCompany.values()) for (const stream of set) if (!stream.pending) stream.sink.write(': heartbeat\n\n');
  }

  closeAll(): void {
    for (const set of this.byCompany.values()) for (const stream of set) stream.sink.end();
    this.byCompany.clear();
  }

  private offer(stream: OpenStream, row: LiveEventRow, technicians: string[] | null, options: { replay: boolean }) {
    if (stream.sent.has(row.id) || !this.mayReceive(stream, row, technicians, options)) return;
    stream.sent.add(row.id);
    stream.sentOrder.push(row.id);
    if (stream.sentOrder.length > SENT_MEMORY) stream.sent.delete(stream.sentOrder.shift()!);
    stream.sink.write(formatEvent(row));
  }

  private mayReceive(stream: OpenStream, row: LiveEventRow, technicians: string[] | null, options: { replay: boolean }): boolean {
    const scope = stream.scope;
    switch (scope.kind) {
      case 'company':
        return true;
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
