import type { Selectable } from 'kysely';

export type JobSourceKind = 'company' | 'portal' | 'third_party';

export interface JobSourcesTable {
  id: string;
  company_id: string;
  name: string;
  kind: JobSourceKind;
  /** 1 when the source's customers must not see technician bios (e.g. a warranty network). */
  hide_technician_bios: number;
  created_at: string;
}

export interface ApiKeysTable {
  id: string;
  company_id: string;
  source_id: string;
  name: string;
  /** The first characters of the key, shown so people can tell keys apart. */
  prefix: string;
  key_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** Answers remembered per (source, Idempotency-Key) so a retried intake creates one job. */
export interface IdempotencyKeysTable {
  source_id: string;
  key: string;
  company_id: string;
  request_hash: string;
  response_status: number;
  response_body: string;
  created_at: string;
}

export type JobSourceRow = Selectable<JobSourcesTable>;
export type ApiKeyRow = Selectable<ApiKeysTable>;
