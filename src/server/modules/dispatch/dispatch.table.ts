import type { Selectable } from 'kysely';

/** A company's dispatch rules; no row: the defaults (assignment-rules.ts). */
export interface DispatchRulesTable {
  company_id: string;
  auto_assign_new_requests: number;
  auto_assign_bookings: number;
  /** JSON array of AssignmentRule, in priority order. */
  rules: string;
  updated_at: string;
  /** The admin who last saved them. */
  updated_by: string | null;
}

export type DispatchRulesRow = Selectable<DispatchRulesTable>;
