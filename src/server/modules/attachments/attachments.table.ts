import type { Selectable } from 'kysely';

/** An uploaded photo or PDF; pending (no job) until a request, note or completion claims it. */
export interface AttachmentsTable {
  id: string;
  company_id: string;
  job_id: string | null;
  job_event_id: string | null;
  uploader_kind: 'user' | 'contact';
  uploader_id: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  created_at: string;
}

export type AttachmentRow = Selectable<AttachmentsTable>;
