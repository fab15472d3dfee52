import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { conflict, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import type { Priority } from '../jobs/jobs.table.js';
import type { ServiceCategoryRow } from './service-categories.table.js';

export type SlaMinutes = Record<Priority, number>;

/** Minutes from request to arrival a company promises for each priority, until it sets its own. */
export const DEFAULT_SLA_MINUTES: SlaMinutes = { emergency: 4 * 60, high: 24 * 60, normal: 3 * 24 * 60, low: 7 * 24 * 60 };

export interface ServiceCategoryDto {
  id: string;
  name: string;
  description: string | null;
  defaultDurationMinutes: number;
  requiredSkills: string[];
  slaMinutes: SlaMinutes;
  active: boolean;
}

export const toCategoryDto = (row: ServiceCategoryRow): ServiceCategoryDto => ({
  id: row.id,
  name: row.name,
  description: row.description,
  defaultDurationMinutes: row.default_duration_minutes,
  requiredSkills: JSON.parse(row.required_skills) as string[],
  slaMinutes: JSON.parse(row.sla_minutes) as SlaMinutes,
  active: row.active === 1,
});

export interface CategoryInput {
  name: string;
  description?: string | null;
  defaultDurationMinutes: number;
  requiredSkills?: string[];
  slaMinutes?: SlaMinutes;
  active?: boolean;
}

/** The service catalogue: what customers can ask for, how long it takes, who can do it, how fast. */
export class ServiceCategoriesService {
  constructor(private readonly ctx: AppContext) {}

  async list(companyId: string, options: { activeOnly?: boolean } = {}): Promise<ServiceCategoryDto[]> {
    let query = this.ctx.db.selectFrom('service_categories').selectAll().where('company_id', '=', companyId);
    if (options.activeOnly) query = query.where('active', '=', 1);
    return (await query.orderBy('name').execute()).map(toCategoryDto);
  }

  /** Pass the transaction when inside one: SQLite has a single connection, so reading beside it would wait forever. */
  async find(companyId: string, categoryId: string, db: Executor = this.ctx.db): Promise<ServiceCategoryDto | undefined> {
    const row = await db.selectFrom('service_categories').selectAll().where('company_id', '=', companyId).where('id', '=', categoryId).executeTakeFirst();
    return row && toCategoryDto(row);
  }

  async create(companyId: string, input: CategoryInput): Promise<ServiceCategoryDto> {
    await this.assertNameFree(companyId, input.name);
    const row: ServiceCategoryRow = {
      id: newId(),
      company_id: companyId,
      name: input.name,
      description: input.description ?? null,
      default_duration_minutes: input.defaultDurationMinutes,
      required_skills: JSON.stringify(input.requiredSkills ?? []),
      sla_minutes: JSON.stringify(input.slaMinutes ?? DEFAULT_SLA_MINUTES),
      active: input.active === false ? 0 : 1,
      created_at: this.ctx.clock.now().toISOString(),
    };
    await this.ctx.db.insertInto('service_categories').values(row).execute();
    return toCategoryDto(row);
  }

  async update(companyId: string, categoryId: string, input: Partial<CategoryInput>): Promise<ServiceCategoryDto> {
    const existing = await this.find(companyId, categoryId);
    if (!existing) throw notFound('CATEGORY_NOT_FOUND', 'No such service category.');
    if (input.name !== undefined && input.name !== existing.name) await this.assertNameFree(companyId, input.name);
    const patch = {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.description !== undefined && { description: input.description }),
      ...(input.defaultDurationMinutes !== undefined && { default_duration_minutes: input.defaultDurationMinutes }),
      ...(input.requiredSkills !== undefined && { required_skills: JSON.stringify(input.requiredSkills) }),
      ...(input.slaMinutes !== undefined && { sla_minutes: JSON.stringify(input.slaMinutes) }),
      ...(input.active !== undefined && { active: input.active ? 1 : 0 }),
    };
    if (Object.keys(patch).length > 0) {
      await this.ctx.db.updateTable('service_categories').set(patch).where('company_id', '=', companyId).where('id', '=', categoryId).execute();
    }
    return (await this.find(companyId, categoryId))!;
  }

  private async assertNameFree(companyId: string, name: string) {
    const clash = await this.ctx.db.selectFrom('service_categories').select('id').where('company_id', '=', companyId).where('name', '=', name).executeTakeFirst();
    if (clash) throw conflict('CATEGORY_NAME_TAKEN', 'Another category already has this name.', { field: 'name' });
  }
}
