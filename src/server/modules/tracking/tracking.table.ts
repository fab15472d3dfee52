import type { Selectable } from 'kysely';

/** Each technician's latest accepted position; `appointment_id` is the trip it was for (null once that trip ended). */
export interface TechnicianPositionsTable {
  technician_id: string;
  company_id: string;
  appointment_id: string | null;
  lat: number;
  lng: number;
  accuracy: number;
  heading: number | null;
  speed: number | null;
  at: string;
}

/** Recent points of the trip under way, deleted when it ends. */
export interface TripPointsTable {
  id: string;
  company_id: string;
  appointment_id: string;
  lat: number;
  lng: number;
  accuracy: number;
  at: string;
}

/** The trip's smoothed ETA and whether "running late" was recorded for it. */
export interface TripEtasTable {
  appointment_id: string;
  company_id: string;
  /** The arrival shown. */
  eta_at: string | null;
  /** The smoothed estimate behind it (see eta.ts). */
  estimate_at: string | null;
  arriving: number;
  updated_at: string;
  running_late_at: string | null;
}

export type TechnicianPositionRow = Selectable<TechnicianPositionsTable>;
export type TripPointRow = Selectable<TripPointsTable>;
export type TripEtaRow = Selectable<TripEtasTable>;
