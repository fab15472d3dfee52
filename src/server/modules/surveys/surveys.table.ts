import type { Selectable } from 'kysely';

/** The customer's answer to the satisfaction survey of a completed job: one per job, changeable for a while. */
export interface SurveyResponsesTable {
  id: string;
  company_id: string;
  job_id: string;
  /** The contact who answered last. */
  contact_id: string;
  contact_name: string;
  /** 1–5 stars. */
  rating: number;
  /** 1 yes, 0 no, null not answered. */
  would_recommend: number | null;
  comment: string | null;
  /** 1 for the first answer, +1 for each change: keys the notifications of each version. */
  revision: number;
  created_at: string;
  updated_at: string;
}

export type SurveyResponseRow = Selectable<SurveyResponsesTable>;
