import type { Generated, Selectable } from 'kysely';

export type LiveEventKind = 'job' | 'location' | 'notification';
/** Who may receive the event: 'customer' also the job's contacts, 'staff' staff only. */
export type LiveEventAudience = 'customer' | 'staff';

/** The last 24 hours of what the live streams sent, for Last-Event-ID resume (decision 008). */
export interface LiveEventsTable {
  id: Generated<number>;
  company_id: string;
  job_id: string;
  kind: LiveEventKind;
  audience: LiveEventAudience;
  /** JSON: the `data:` line of the event, exactly as sent. */
  payload: string;
  /** For a notification, the one person it is for: `user:<id>` or `contact:<id>`; otherwise null. */
  recipient: string | null;
  created_at: string;
}

export type LiveEventRow = Selectable<LiveEventsTable>;

