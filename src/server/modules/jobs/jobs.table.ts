import type { Selectable } from 'kysely';
import type { JobStatus } from './job-state-machine.js';

export type Priority = 'low' | 'normal' | 'high' | 'emergency';

export interface JobsTable {
  id: string;
  company_id: string;
  reference: string;
  customer_id: string;
  location_id: string;
  category_id: string;
  source_id: string;
  external_ref: string | null;
  priority: Priority;
  description: string;
  status: JobStatus;
  notifications_enabled: number;
  /** JSON array of { start, end } the customer prefers. */
  preferred_windows: string;
  sla_due_at: string | null;
  sla_acknowledged_at: string | null;
  current_appointment_id: string | null;
  cancel_reason: string | null;
  /** The recurring service plan that generated this job, if any. */
  service_plan_id: string | null;
  /** When the job was completed or cancelled. */
  closed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface JobContactsTable {
  job_id: string;
  contact_id: string;
  company_id: string;
  /** 1 when this contact receives the job's notifications. */
  notify: number;
  created_at: string;
}

export type AppointmentStatus = 'scheduled' | 'en_route' | 'in_progress' | 'paused' | 'completed' | 'cancelled' | 'interrupted';

/** A visit: one arrival window with one technician. A job may need several. */
export interface AppointmentsTable {
  id: string;
  company_id: string;
  job_id: string;
  visit_number: number;
  technician_id: string | null;
  window_start: string;
  window_end: string;
  status: AppointmentStatus;
  /** How the technician was chosen: 'auto' (dispatch rules), 'customer' or 'manual'; null before dispatch rules existed. */
  assignment_method?: 'auto' | 'customer' | 'manual' | null;
  /** The rules' reason for an automatic choice, as the dispatcher reads it. */
  assignment_reason?: string | null;
  /** The user who assigned by hand. */
  assigned_by?: string | null;
  en_route_at: string | null;
  started_at: string | null;
  completed_at: string | null;
  created_at: string;
  updated_at: string;
}

export type TimelineVisibility = 'customer' | 'staff';

/** The job's activity timeline: append-only. */
export interface JobEventsTable {
  id: string;
  company_id: string;
  job_id: string;
  type: string;
  visibility: TimelineVisibility;
  actor_kind: 'user' | 'contact' | 'integration' | 'system';
  actor_id: string | null;
  actor_name: string;
  /** JSON object with what changed. */
  data: string;
  created_at: string;
}

export type JobRow = Selectable<JobsTable>;
export type AppointmentRow = Selectable<AppointmentsTable>;
export type JobEventRow = Selectable<JobEventsTable>;
