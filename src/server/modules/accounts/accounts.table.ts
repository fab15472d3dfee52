import type { Generated, Insertable, Selectable } from 'kysely';

export type StaffRole = 'admin' | 'dispatcher' | 'technician';

export interface UsersTable {
  id: string;
  company_id: string;
  email: string;
  name: string;
  role: StaffRole;
  /** The language of the user's notifications (en, es, fr). */
  language: Generated<string>;
  password_hash: string | null;
  /** 1 while the user may sign in. */
  active: number;
  created_at: string;
  updated_at: string;
}

/** Sessions of staff users and of customer contacts; the cookie holds the token, the row its hash. */
export interface SessionsTable {
  id: string;
  token_hash: string;
  company_id: string;
  subject_kind: 'user' | 'contact';
  subject_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

/** Single-use sign-in links e-mailed to customer contacts. */
export interface SignInTokensTable {
  id: string;
  company_id: string;
  contact_id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** A job link opens one job for one contact, without a password. */
export interface JobLinksTable {
  id: string;
  company_id: string;
  job_id: string;
  contact_id: string;
  token_hash: string;
  created_at: string;
  /** A link lives while its job is open and for a grace period after the job closes (config). */
  revoked_at: string | null;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type JobLinkRow = Selectable<JobLinksTable>;
