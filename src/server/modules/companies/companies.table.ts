import type { Insertable, Selectable, Updateable } from 'kysely';

export interface CompaniesTable {
  id: string;
  slug: string;
  name: string;
  phone: string | null;
  email: string | null;
  logo_url: string | null;
  brand_color: string;
  timezone: string;
  locale: string;
  currency: string;
  /** Letters that start every job reference, e.g. ARV in ARV-26-00123. */
  reference_prefix: string;
  created_at: string;
  updated_at: string;
}

/** Per-company counters (job references per year, later invoice numbers). */
export interface CompanyCountersTable {
  company_id: string;
  name: string;
  value: number;
}

/** The one-time link printed on an empty database, where the first company is created. */
export interface SetupTokensTable {
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export type CompanyRow = Selectable<CompaniesTable>;
export type NewCompany = Insertable<CompaniesTable>;
export type CompanyUpdate = Updateable<CompaniesTable>;
