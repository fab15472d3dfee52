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
