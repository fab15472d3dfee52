import type { AppContext } from '../../context.js';
import { conflict, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { hashToken, newSecretToken } from '../../lib/tokens.js';
import type { JobSourceKind, JobSourceRow } from './integrations.table.js';

export interface JobSourceDto {
  id: string;
  name: string;
  kind: JobSourceKind;
  hideTechnicianBios: boolean;
  apiKeys: { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null }[];
}

/** Where jobs come from — the company itself, the portal, third parties — and the API keys of third parties. */
export class JobSourcesService {
  constructor(private readonly ctx: AppContext) {}

  async list(companyId: string): Promise<JobSourceDto[]> {
    const sources = await this.ctx.db.selectFrom('job_sources').selectAll().where('company_id', '=', companyId).orderBy('created_at').execute();
    const keys = await this.ctx.db.selectFrom('api_keys').selectAll().where('company_id', '=', companyId).orderBy('created_at').execute();
    return sources.map((s) => this.toDto(s, keys));
  }

  async requireByKind(companyId: string, kind: 'company' | 'portal'): Promise<JobSourceRow> {
    const source = await this.ctx.db.selectFrom('job_sources').selectAll().where('company_id', '=', companyId).where('kind', '=', kind).orderBy('created_at').executeTakeFirst();
    if (!source) throw notFound('SOURCE_NOT_FOUND', `This company has no ${kind} job source.`);
    return source;
  }

  async create(companyId: string, input: { name: string; hideTechnicianBios?: boolean }): Promise<JobSourceDto> {
    await this.assertNameFree(companyId, input.name);
    const row: JobSourceRow = {
      id: newId(),
      company_id: companyId,
      name: input.name,
      kind: 'third_party',
      hide_technician_bios: input.hideTechnicianBios ? 1 : 0,
      created_at: this.ctx.clock.now().toISOString(),
    };
    await this.ctx.db.insertInto('job_sources').values(row).execute();
    return this.toDto(row, []);
  }

  async update(companyId: string, sourceId: string, input: { name?: string; hideTechnicianBios?: boolean }): Promise<JobSourceDto> {
    const source = await this.requireSource(companyId, sourceId);
    if (input.name !== undefined && input.name !== source.name) await this.assertNameFree(companyId, input.name);
    const patch = { ...(input.name !== undefined && { name: input.name }), ...(input.hideTechnicianBios !== undefined && { hide_technician_bios: input.hideTechnicianBios ? 1 : 0 }) };
    if (Object.keys(patch).length > 0) {
      await this.ctx.db.updateTable('job_sources').set(patch).where('company_id', '=', companyId).where('id', '=', sourceId).execute();
    }
    return (await this.list(companyId)).find((s) => s.id === sourceId)!;
  }

  /** A new API key for a source. The key is shown once; only its hash is kept. */
  async createApiKey(companyId: string, sourceId: string, name: string) {
    await this.requireSource(companyId, sourceId);
    const key = newSecretToken('ak_');
    const id = newId();
    const createdAt = this.ctx.clock.now().toISOString();
    await this.ctx.db
      .insertInto('api_keys')
      .values({ id, company_id: companyId, source_id: sourceId, name, prefix: key.slice(0, 10), key_hash: hashToken(key), created_at: createdAt })
      .execute();
    return { id, name, prefix: key.slice(0, 10), key, createdAt };
  }

  async revokeApiKey(companyId: string, sourceId: string, apiKeyId: string) {
    const result = await this.ctx.db
      .updateTable('api_keys')
      .set({ revoked_at: this.ctx.clock.now().toISOString() })
      .where('company_id', '=', companyId)
      .where('source_id', '=', sourceId)
      .where('id', '=', apiKeyId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw notFound('API_KEY_NOT_FOUND', 'No such active API key.');
  }

  private async requireSource(companyId: string, sourceId: string) {
    const source = await this.ctx.db.selectFrom('job_sources').selectAll().where('company_id', '=', companyId).where('id', '=', sourceId).executeTakeFirst();
    if (!source) throw notFound('SOURCE_NOT_FOUND', 'No such job source.');
    return source;
  }

  private async assertNameFree(companyId: string, name: string) {
    const clash = await this.ctx.db.selectFrom('job_sources').select('id').where('company_id', '=', companyId).where('name', '=', name).executeTakeFirst();
    if (clash) throw conflict('SOURCE_NAME_TAKEN', 'Another job source already has this name.', { field: 'name' });
  }

  private toDto(source: JobSourceRow, keys: { id: string; source_id: string; name: string; prefix: string; created_at: string; last_used_at: string | null; revoked_at: string | null }[]): JobSourceDto {
    return {
      id: source.id,
      name: source.name,
      kind: source.kind,
      hideTechnicianBios: source.hide_technician_bios === 1,
      apiKeys: keys
        .filter((k) => k.source_id === source.id)
        .map((k) => ({ id: k.id, name: k.name, prefix: k.prefix, createdAt: k.created_at, lastUsedAt: k.last_used_at, revokedAt: k.revoked_at })),
    };
  }
}
