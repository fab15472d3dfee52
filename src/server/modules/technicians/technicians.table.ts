import type { Selectable } from 'kysely';

export type BioStatus = 'none' | 'pending' | 'approved';

export interface TechnicianProfilesTable {
  user_id: string;
  company_id: string;
  phone: string | null;
  photo_url: string | null;
  bio: string | null;
  /** A bio reaches customers only once a dispatcher approved it; editing it asks again. */
  bio_status: BioStatus;
  bio_reviewed_by: string | null;
  bio_reviewed_at: string | null;
  /** JSON array of skill names. */
  skills: string;
  home_address: string | null;
  home_lat: number | null;
  home_lng: number | null;
}

export type TechnicianProfileRow = Selectable<TechnicianProfilesTable>;
