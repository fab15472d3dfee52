import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { conflict, notFound } from '../../lib/errors.js';
import type { StaffPrincipal } from '../accounts/principal.js';
import type { BioStatus } from './technicians.table.js';

export interface TechnicianDto {
  id: string;
  name: string;
  email: string;
  active: boolean;
  phone: string | null;
  photoUrl: string | null;
  bio: string | null;
  bioStatus: BioStatus;
  bioReviewedAt: string | null;
  skills: string[];
  homeBase: { address: string | null; lat: number | null; lng: number | null };
}

export interface ProfileInput {
  phone?: string | null;
  photoUrl?: string | null;
  bio?: string | null;
  skills?: string[];
  homeBase?: { address: string | null; lat: number | null; lng: number | null };
}

/** Technicians' profiles: photo, phone, skills, home base, and the bio a dispatcher approves before customers see it. */
export class TechniciansService {
  constructor(private readonly ctx: AppContext) {}

  private query(companyId: string, db: Executor = this.ctx.db) {
    return db
      .selectFrom('users')
      .innerJoin('technician_profiles', 'technician_profiles.user_id', 'users.id')
      .select([
        'users.id',
        'users.name',
        'users.email',
        'users.active',
        'technician_profiles.phone',
        'technician_profiles.photo_url',
        'technician_profiles.bio',
        'technician_profiles.bio_status',
        'technician_profiles.bio_reviewed_at',
        'technician_profiles.skills',
        'technician_profiles.home_address',
        'technician_profiles.home_lat',
        'technician_profiles.home_lng',
      ])
      .where('users.company_id', '=', companyId)
      .where('users.role', '=', 'technician');
  }

  private toDto(row: Awaited<ReturnType<ReturnType<TechniciansService['query']>['executeTakeFirstOrThrow']>>): TechnicianDto {
    return {
      id: row.id,
      name: row.name,
      email: row.email,
      active: row.active === 1,
      phone: row.phone,
      photoUrl: row.photo_url,
      bio: row.bio,
      bioStatus: row.bio_status,
      bioReviewedAt: row.bio_reviewed_at,
      skills: JSON.parse(row.skills) as string[],
      homeBase: { address: row.home_address, lat: row.home_lat, lng: row.home_lng },
    };
  }

  async list(companyId: string): Promise<TechnicianDto[]> {
    return (await this.query(companyId).orderBy('users.name').execute()).map((r) => this.toDto(r));
  }

  async find(companyId: string, userId: string, db: Executor = this.ctx.db): Promise<TechnicianDto | undefined> {
    const row = await this.query(companyId, db).where('users.id', '=', userId).executeTakeFirst();
    return row && this.toDto(row);
  }

  /** Pass the transaction when inside one (see ServiceCategoriesService.find). */
  async findActive(companyId: string, userId: string, db: Executor = this.ctx.db): Promise<TechnicianDto | undefined> {
    const technician = await this.find(companyId, userId, db);
    return technician?.active ? technician : undefined;
  }

  /** Technicians edit their own profile; office staff edit anyone's. A changed bio waits for approval again. */
  async updateProfile(principal: StaffPrincipal, userId: string, input: ProfileInput): Promise<TechnicianDto> {
    if (principal.role === 'technician' && principal.userId !== userId) throw notFound('TECHNICIAN_NOT_FOUND', 'No such technician.');
    const existing = await this.find(principal.companyId, userId);
    if (!existing) throw notFound('TECHNICIAN_NOT_FOUND', 'No such technician.');
    const bioChanged = input.bio !== undefined && input.bio !== existing.bio;
    const patch = {
      ...(input.phone !== undefined && { phone: input.phone }),
      ...(input.photoUrl !== undefined && { photo_url: input.photoUrl }),
      ...(input.skills !== undefined && { skills: JSON.stringify([...new Set(input.skills)]) }),
      ...(input.homeBase !== undefined && { home_address: input.homeBase.address, home_lat: input.homeBase.lat, home_lng: input.homeBase.lng }),
      ...(bioChanged && { bio: input.bio, bio_status: input.bio ? ('pending' as const) : ('none' as const), bio_reviewed_by: null, bio_reviewed_at: null }),
    };
    if (Object.keys(patch).length > 0) {
      await this.ctx.db.updateTable('technician_profiles').set(patch).where('company_id', '=', principal.companyId).where('user_id', '=', userId).execute();
    }
    return (await this.find(principal.companyId, userId))!;
  }

  async approveBio(principal: StaffPrincipal, userId: string): Promise<TechnicianDto> {
    const existing = await this.find(principal.companyId, userId);
    if (!existing) throw notFound('TECHNICIAN_NOT_FOUND', 'No such technician.');
    if (!existing.bio) throw conflict('NO_BIO', 'This technician has no bio to approve.');
    await this.ctx.db
      .updateTable('technician_profiles')
      .set({ bio_status: 'approved', bio_reviewed_by: principal.userId, bio_reviewed_at: this.ctx.clock.now().toISOString() })
      .where('company_id', '=', principal.companyId)
      .where('user_id', '=', userId)
      .execute();
    return (await this.find(principal.companyId, userId))!;
  }

}

/** The technician as a customer sees them: never their own phone or email; the bio only once approved, and only where the job's source allows it. */
export function customerCard(technician: { name: string; photoUrl: string | null; bio: string | null; bioStatus: BioStatus }, options: { showBio: boolean }) {
  return {
    name: technician.name,
    photoUrl: technician.photoUrl,
    bio: options.showBio && technician.bioStatus === 'approved' ? technician.bio : null,
  };
}
