import type { Selectable } from 'kysely';

export type CustomerKind = 'organisation' | 'household';
export type ContactRole = 'admin' | 'member';

export interface CustomersTable {
  id: string;
  company_id: string;
  kind: CustomerKind;
  name: string;
  created_at: string;
  updated_at: string;
}

export interface ContactsTable {
  id: string;
  company_id: string;
  customer_id: string;
  name: string;
  /** Stored lower-cased; unique per company so a sign-in link finds one person. */
  email: string | null;
  phone: string | null;
  role: ContactRole;
  language: string;
  created_at: string;
}

export interface LocationsTable {
  id: string;
  company_id: string;
  customer_id: string;
  label: string | null;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postal_code: string;
  country: string;
  lat: number | null;
  lng: number | null;
  access_notes: string | null;
  created_at: string;
}

export type CustomerRow = Selectable<CustomersTable>;
export type ContactRow = Selectable<ContactsTable>;
export type LocationRow = Selectable<LocationsTable>;
