import type { AppContext } from '../../context.js';
import { AppError, conflict, invalidField, notFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { DAY, isoAfter } from '../../lib/clock.js';
import { hashPassword } from '../../lib/passwords.js';
import { hashToken, newSecretToken } from '../../lib/tokens.js';
import * as repo from './companies.repository.js';
import type { CompanyRow } from './companies.table.js';
import { DEFAULT_SLA_MINUTES } from '../service-categories/service-categories.service.js';

export interface CompanyDto {
  id: string;
  slug: string;
  name: string;
  phone: string | null;
  email: string | null;
  logoUrl: string | null;
  brandColor: string;
  timezone: string;
  locale: string;
  currency: string;
  referencePrefix: string;
}

export const toCompanyDto = (c: CompanyRow): CompanyDto => ({
  id: c.id,
  slug: c.slug,
  name: c.name,
  phone: c.phone,
  email: c.email,
  logoUrl: c.logo_url,
  brandColor: c.brand_color,
  timezone: c.timezone,
  locale: c.locale,
  currency: c.currency,
  referencePrefix: c.reference_prefix,
});

export interface NewCompanyInput {
  name: string;
  slug: string;
  timezone: string;
  phone?: string;
  email?: string;
  brandColor?: string;
  locale?: string;
  currency?: string;
  referencePrefix?: string;
}

export interface CompanyUpdateInput {
  name?: string;
  phone?: string | null;
  email?: string | null;
  logoUrl?: string | null;
  brandColor?: string;
  timezone?: string;
  locale?: string;
  currency?: string;
}

export const isValidTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const SETUP_LINK_TTL = 7 * DAY;

/** What anyone may know of a company: enough to show its portal pages in its colours and time zone. */
const toBranding = (c: CompanyRow) => ({ slug: c.slug, name: c.name, logoUrl: c.logo_url, brandColor: c.brand_color, phone: c.phone, locale: c.locale, timezone: c.timezone });

/** Companies (tenants): the first-run set-up, creating one with its admin, and its settings. */
export class CompaniesService {
  constructor(private readonly ctx: AppContext) {}

  /** On an empty database, a fresh one-time set-up link (printed at start); otherwise nothing. */
  async issueSetupLinkIfEmpty(): Promise<string | undefined> {
    if ((await repo.countCompanies(this.ctx.db)) > 0) return undefined;
    const token = newSecretToken();
    const now = this.ctx.clock.now();
    await repo.insertSetupToken(this.ctx.db, { token_hash: hashToken(token), created_at: now.toISOString(), expires_at: isoAfter(now, SETUP_LINK_TTL) });
    return `${this.ctx.config.publicUrl}/setup#token=${token}`;
  }

  async setupNeeded(): Promise<boolean> {
    return (await repo.countCompanies(this.ctx.db)) === 0;
  }

  /** Creates the first company and its admin with the one-time set-up token. */
  async completeSetup(token: string, company: NewCompanyInput, admin: { name: string; email: string; password: string }) {
    const now = this.ctx.clock.now().toISOString();
    const tokenRow = await repo.findSetupToken(this.ctx.db, hashToken(token));
    if (!tokenRow || tokenRow.used_at || tokenRow.expires_at <= now) throw new AppError(403, 'SETUP_LINK_INVALID', 'This set-up link has expired or was already used.');
    const passwordHash = await hashPassword(admin.password, this.ctx.config.passwordHashCost);
    return this.ctx.db.transaction().execute(async (trx) => {
      if (!(await repo.useSetupToken(trx, hashToken(token), now))) throw new AppError(403, 'SETUP_LINK_INVALID', 'This set-up link has expired or was already used.');
      // Each start on an empty database prints a new link, so several may be live; a set-up link
      // only ever makes the first company, never another tenant with its own admin.
      if ((await repo.countCompanies(trx)) > 0) throw new AppError(403, 'SETUP_LINK_INVALID', 'This installation is already set up.');
      await repo.useAllSetupTokens(trx, now);
      return this.createCompanyWithAdmin(trx, company, { ...admin, passwordHash });
    });
  }

  /**
   * A company with its admin, its two built-in job sources (its own office and the portal) and one
   * general service category, so requests can flow the moment it exists.
   */
  async createCompanyWithAdmin(
    executor: AppContext['db'],
    input: NewCompanyInput,
    admin: { name: string; email: string; passwordHash: string | null },
  ): Promise<{ company: CompanyDto; adminId: string }> {
    if (!isValidTimeZone(input.timezone)) throw invalidField('company.timezone', 'is not a known time zone');
    if (await repo.findCompanyBySlug(executor, input.slug)) throw conflict('SLUG_TAKEN', 'Another company already uses this address.', { field: 'company.slug' });
    const email = admin.email.toLowerCase();
    if (await executor.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()) {
      throw conflict('EMAIL_TAKEN', 'A user with this email already exists.', { field: 'admin.email' });
    }
    const now = this.ctx.clock.now().toISOString();
    const row: CompanyRow = {
      id: newId(),
      slug: input.slug,
      name: input.name,
      phone: input.phone ?? null,
      email: input.email ?? null,
      logo_url: null,
      brand_color: input.brandColor ?? '#0f62fe',
      timezone: input.timezone,
      locale: input.locale ?? 'en',
      currency: input.currency ?? 'USD',
      reference_prefix: input.referencePrefix ?? 'ARV',
      created_at: now,
      updated_at: now,
    };
    const adminId = newId();
    await repo.insertCompany(executor, row);
    await executor
      .insertInto('users')
      .values({ id: adminId, company_id: row.id, email, name: admin.name, role: 'admin', password_hash: admin.passwordHash, active: 1, created_at: now, updated_at: now })
      .execute();
    await executor
      .insertInto('job_sources')
      .values([
        { id: newId(), company_id: row.id, name: 'Direct', kind: 'company', hide_technician_bios: 0, created_at: now },
        { id: newId(), company_id: row.id, name: 'Customer portal', kind: 'portal', hide_technician_bios: 0, created_at: now },
      ])
      .execute();
    await executor
      .insertInto('service_categories')
      .values({
        id: newId(),
        company_id: row.id,
        name: 'General service',
        description: 'Anything that does not fit another category.',
        default_duration_minutes: 60,
        required_skills: '[]',
        sla_minutes: JSON.stringify(DEFAULT_SLA_MINUTES),
        active: 1,
        created_at: now,
      })
      .execute();
    return { company: toCompanyDto(row), adminId };
  }

  async requireCompany(companyId: string): Promise<CompanyDto> {
    const company = await repo.findCompany(this.ctx.db, companyId);
    if (!company) throw notFound('COMPANY_NOT_FOUND', 'No such company.');
    return toCompanyDto(company);
  }

  async branding(slug: string) {
    const company = await repo.findCompanyBySlug(this.ctx.db, slug);
    if (!company) throw notFound('COMPANY_NOT_FOUND', 'No such company.');
    return toBranding(company);
  }

  /**
   * Most installations serve one company, and its customers should not need its slug in the
   * portal's address. With several, naming one would tell a visitor which tenants exist here, so
   * the answer is "not found" and the page must name its company (?company=slug).
   */
  async soleBranding() {
    const found = await repo.listCompanies(this.ctx.db, 2);
    if (found.length !== 1) throw notFound('COMPANY_NOT_FOUND', 'This installation does not have exactly one company; name the company in the address.');
    return toBranding(found[0]!);
  }

  async update(companyId: string, input: CompanyUpdateInput): Promise<CompanyDto> {
    if (input.timezone !== undefined && !isValidTimeZone(input.timezone)) {
      throw invalidField('timezone', 'is not a known time zone');
    }
    await repo.updateCompany(this.ctx.db, companyId, {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.phone !== undefined && { phone: input.phone }),
      ...(input.email !== undefined && { email: input.email }),
      ...(input.logoUrl !== undefined && { logo_url: input.logoUrl }),
      ...(input.brandColor !== undefined && { brand_color: input.brandColor }),
      ...(input.timezone !== undefined && { timezone: input.timezone }),
      ...(input.locale !== undefined && { locale: input.locale }),
      ...(input.currency !== undefined && { currency: input.currency }),
      updated_at: this.ctx.clock.now().toISOString(),
    });
    return this.requireCompany(companyId);
  }
}
