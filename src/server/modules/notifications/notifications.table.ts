import type { Selectable } from 'kysely';

/** In-app notifications (the bell), for staff users and customer contacts. */
export interface NotificationsTable {
  id: string;
  company_id: string;
  recipient_kind: 'user' | 'contact';
  recipient_id: string;
  type: string;
  job_id: string | null;
  title: string;
  body: string;
  read_at: string | null;
  created_at: string;
}

export type NotificationRow = Selectable<NotificationsTable>;

export type Channel = 'email' | 'sms' | 'in_app';
export type OutboxStatus = 'pending' | 'sent' | 'parked' | 'skipped';

/**
 * Messages to deliver, written in the same transaction as the change that caused them. Unique per
 * (event, recipient, channel), so planning twice never sends twice.
 */
export interface OutboxMessagesTable {
  id: string;
  company_id: string;
  event_key: string;
  recipient_kind: 'user' | 'contact';
  recipient_id: string;
  channel: Channel;
  template: string;
  job_id: string | null;
  /** JSON object: the values the template fills in. */
  variables: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  /** A worker holds the message until then; after it, another worker may take it over. */
  locked_until: string | null;
  locked_by: string | null;
  last_error: string | null;
  sent_at: string | null;
  created_at: string;
}

/** A company's own wording of a template in one language. */
export interface NotificationTemplatesTable {
  company_id: string;
  template: string;
  locale: string;
  subject: string;
  body: string;
  sms: string;
  updated_at: string;
}

export type OutboxMessageRow = Selectable<OutboxMessagesTable>;

export interface UnsubscribeTokensTable {
  token_hash: string;
  company_id: string;
  contact_id: string;
  created_at: string;
}

/** Which (visit, window) already had its day-before reminder planned. */
export interface AppointmentRemindersTable {
  appointment_id: string;
  window_start: string;
  planned_at: string;
}
