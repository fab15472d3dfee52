import type { Selectable } from 'kysely';

export interface ServiceCategoriesTable {
  id: string;
  company_id: string;
  name: string;
  description: string | null;
  default_duration_minutes: number;
  /** JSON array of skill names a technician needs. */
  required_skills: string;
  /** JSON object: minutes from request to arrival promised for each priority. */
  sla_minutes: string;
  active: number;
  created_at: string;
}

export type ServiceCategoryRow = Selectable<ServiceCategoriesTable>;
