import type { Selectable } from 'kysely';

/**
 * A proposal of "Optimise day", kept so that applying it needs only its id and can check that the
 * day has not changed since (fingerprint of the visits it looked at).
 */
export interface RoutePlansTable {
  id: string;
  company_id: string;
  /** The local date (YYYY-MM-DD) in the company's time zone. */
  date: string;
  /** Hash of every visit of the day in scope (technician, window, status, last change) when the plan was made. */
  fingerprint: string;
  /** JSON: the preview as the API answered it. */
  proposal: string;
  created_by: string;
  created_at: string;
  applied_at: string | null;
  applied_by: string | null;
}

/**
 * Where a visit stands in its technician's optimised route: the order and the planned arrival.
 * Kept beside the appointment (not on it) with the technician and window it was planned for, so a
 * later manual move makes it stale instead of wrong: readers ignore a stop whose technician or
 * window no longer match the appointment.
 */
export interface PlannedStopsTable {
  appointment_id: string;
  company_id: string;
  plan_id: string;
  technician_id: string;
  window_start: string;
  route_position: number;
  planned_arrival_at: string;
  created_at: string;
}

export type RoutePlanRow = Selectable<RoutePlansTable>;
export type PlannedStopRow = Selectable<PlannedStopsTable>;
