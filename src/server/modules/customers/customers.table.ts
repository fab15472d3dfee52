import type { Generated, Selectable } from 'kysely';

export type CustomerKind = 'organisation' | 'household';
export type ContactRole = 'admin' | 'member';

export interface CustomersTable {
  id: string;
  company_id: string;
  kind: CustomerKind;
  name: string;
  /** The technician the customer prefers; dispatch rules favour them when they can come. */
  preferred_technician_id?: string | null;
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
  /** 1 while the contact wants job updates by e-mail / SMS (in-app always). */
  notify_email: Generated<number>;
  notify_sms: Generated<number>;
  /** Quiet hours in the company's time zone, as minutes after midnight (e.g. 1260 → 8 pm); null for none. */
  quiet_hours_start: number | null;
  quiet_hours_end: number | null;
  /** Set when the contact replied STOP to an SMS; no SMS goes out until they opt in again. */
  sms_opted_out_at: string | null;
  /** Set by the unsubscribe link in every e-mail. */
  email_unsubscribed_at: string | null;
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
