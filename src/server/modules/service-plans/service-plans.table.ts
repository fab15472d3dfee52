import type { Selectable } from 'kysely';

export type ServicePlanStatus = 'active' | 'suspended' | 'ended';
export type PreferredTimeOfDay = 'morning' | 'afternoon';
/** generated: a job exists for it; skipped: on purpose, never regenerated; cancelled: withdrawn by a suspension or a change of frequency. */
export type OccurrenceStatus = 'generated' | 'skipped' | 'cancelled';

/** A recurring service plan (maintenance agreement): the visits it repeats are generated ahead as jobs. */
export interface ServicePlansTable {
  id: string;
  company_id: string;
  customer_id: string;
  location_id: string;
  category_id: string;
  name: string;
  /** RFC 5545 text: DTSTART;TZID=<company zone> and the RRULE line. */
  rrule: string;
  status: ServicePlanStatus;
  preferred_time_of_day: PreferredTimeOfDay | null;
  preferred_technician_id: string | null;
  notes: string;
  /** Local date: no visit is generated before it (set on resume and on a change of frequency). */
  generate_from: string;
  suspended_at: string | null;
  /** Who last suspended, resumed or ended the plan ("Ana Lopez (customer)"), and why. */
  status_changed_by: string | null;
  status_reason: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ServicePlanOccurrencesTable {
  id: string;
  company_id: string;
  plan_id: string;
  /** Local date in the company's zone, YYYY-MM-DD. */
  occurrence_date: string;
  status: OccurrenceStatus;
  job_id: string | null;
  reason: string | null;
  created_at: string;
  updated_at: string;
}

export type ServicePlanRow = Selectable<ServicePlansTable>;
export type OccurrenceRow = Selectable<ServicePlanOccurrencesTable>;
