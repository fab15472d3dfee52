import type { Selectable } from 'kysely';

/** Who wrote a message: one of the job's customer contacts, or a staff user of the company. */
export type MessageAuthorKind = 'contact' | 'user';

/** A job's conversation between the customer's contacts and the company. Not timeline notes. */
export interface JobMessagesTable {
  id: string;
  company_id: string;
  job_id: string;
  author_kind: MessageAuthorKind;
  author_id: string;
  author_name: string;
  body: string;
  created_at: string;
}

/** One row per job that has messages: what the console's inbox lists, and the office's read state. */
export interface MessageThreadsTable {
  job_id: string;
  company_id: string;
  last_message_at: string;
  last_author_kind: MessageAuthorKind;
  last_author_name: string;
  /** The start of the last message, for the inbox. */
  last_preview: string;
  message_count: number;
  /** Customer messages since the office last opened the conversation (shared by the whole office). */
  unread_for_staff: number;
  staff_read_at: string | null;
}

export type JobMessageRow = Selectable<JobMessagesTable>;
export type MessageThreadRow = Selectable<MessageThreadsTable>;
