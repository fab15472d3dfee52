import type { Selectable } from 'kysely';

/** One working interval of a technician on a weekday, in the company's time zone. */
export interface TechnicianWorkingHoursTable {
  id: string;
  company_id: string;
  technician_id: string;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Minutes after local midnight; end may be 1440 (midnight at the end of the day). */
  start_minute: number;
  end_minute: number;
}

export interface TechnicianTimeOffTable {
  id: string;
  company_id: string;
  technician_id: string;
  starts_at: string;
  ends_at: string;
  reason: string | null;
  created_at: string;
}

export interface TerritoriesTable {
  id: string;
  company_id: string;
  name: string;
  /** JSON array of postal codes; "787*" matches every code starting with 787. */
  postal_codes: string;
  /** JSON array of [lat, lng] vertices, or null. */
  polygon: string | null;
  created_at: string;
  updated_at: string;
}

export interface TechnicianTerritoriesTable {
  technician_id: string;
  territory_id: string;
  company_id: string;
}

/** A company's booking policy; a company without a row books with DEFAULT_BOOKING_POLICY. */
export interface BookingPoliciesTable {
  company_id: string;
  window_minutes: number;
  lead_time_minutes: number;
  horizon_days: number;
  reschedule_cutoff_minutes: number;
  cancel_cutoff_minutes: number;
  buffer_minutes: number;
  customer_may_choose_technician: number;
  updated_at: string;
}

export type WorkingHoursRow = Selectable<TechnicianWorkingHoursTable>;
export type TimeOffRow = Selectable<TechnicianTimeOffTable>;
export type TerritoryRow = Selectable<TerritoriesTable>;
export type BookingPolicyRow = Selectable<BookingPoliciesTable>;
