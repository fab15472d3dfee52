import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/database.js';
import { badRequest, notFound } from '../../lib/errors.js';
import { findCompany } from '../companies/companies.repository.js';
import {
  audienceOf,
  defaultTemplate,
  LOCALES,
  sampleVariables,
  TEMPLATE_KEYS,
  variablesOf,
  type Locale,
  type TemplateKey,
  type TemplateText,
} from './templates/template-catalog.js';
import { renderMessage, validateTemplate, type RenderedMessage } from './templates/template-renderer.js';

/** The wording a company may change; the button label (`action`) stays Arrivo's. */
export type TemplateWording = Pick<TemplateText, 'subject' | 'body' | 'sms'>;

export interface NotificationTemplateDto extends TemplateText {
  template: TemplateKey;
  locale: Locale;
  audience: 'customer' | 'staff';
  /** True when the company has its own wording; false when Arrivo's default applies. */
  customised: boolean;
  updatedAt: string | null;
  /** The `{{variables}}` this template may use. */
  variables: string[];
}

interface OverrideRow {
  subject: string;
  body: string;
  sms: string;
  updated_at: string;
}

const toDto = (key: TemplateKey, locale: Locale, override: OverrideRow | undefined): NotificationTemplateDto => {
  const fallback = defaultTemplate(key, locale);
  return {
    template: key,
    locale,
    audience: audienceOf(key),
    subject: override?.subject ?? fallback.subject,
    body: override?.body ?? fallback.body,
    sms: override?.sms ?? fallback.sms,
    action: fallback.action,
    customised: override !== undefined,
    updatedAt: override?.updated_at ?? null,
    variables: variablesOf(key),
  };
};

/** A 400 naming every field of the wording that is wrong. */
function assertValid(key: TemplateKey, wording: Partial<TemplateWording>) {
  const problems = validateTemplate(wording, key);
  if (problems.length > 0) throw badRequest('VALIDATION_FAILED', problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
}

/**
 * A company's wording of its notifications, per template and language: Arrivo's defaults until the
 * company saves its own, with a preview that renders exactly what recipients would get.
 */
export class NotificationTemplatesService {
  constructor(private readonly ctx: AppContext) {}

  /** The wording to send: the company's own if it has one, else the default. Pass the transaction when inside one. */
  async effective(companyId: string, key: TemplateKey, locale: Locale, db: Executor = this.ctx.db): Promise<TemplateText> {
    const override = await this.findOverride(db, companyId, key, locale);
    const fallback = defaultTemplate(key, locale);
    return override ? { subject: override.subject, body: override.body, sms: override.sms, action: fallback.action } : fallback;
  }

  /** Every template in every language, with the company's wording where it has one. */
  async list(companyId: string): Promise<NotificationTemplateDto[]> {
    const rows = await this.ctx.db.selectFrom('notification_templates').selectAll().where('company_id', '=', companyId).execute();
    const byKey = new Map(rows.map((row) => [`${row.template}/${row.locale}`, row]));
    return TEMPLATE_KEYS.flatMap((key) => LOCALES.map((locale) => toDto(key, locale, byKey.get(`${key}/${locale}`))));
  }

  /** Saves the company's wording of one template in one language (replacing any earlier one). */
  async save(companyId: string, key: TemplateKey, locale: Locale, wording: TemplateWording): Promise<NotificationTemplateDto> {
    assertValid(key, wording);
    const row = { company_id: companyId, template: key, locale, subject: wording.subject, body: wording.body, sms: wording.sms, updated_at: this.ctx.clock.now().toISOString() };
    await this.ctx.db
      .insertInto('notification_templates')
      .values(row)
      .onConflict((oc) => oc.columns(['company_id', 'template', 'locale']).doUpdateSet({ subject: row.subject, body: row.body, sms: row.sms, updated_at: row.updated_at }))
      .execute();
    return toDto(key, locale, row);
  }

  /** Drops the company's wording so the default applies again. */
  async revert(companyId: string, key: TemplateKey, locale: Locale): Promise<NotificationTemplateDto> {
    const result = await this.ctx.db
      .deleteFrom('notification_templates')
      .where('company_id', '=', companyId)
      .where('template', '=', key)
      .where('locale', '=', locale)
      .executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw notFound('TEMPLATE_NOT_CUSTOMISED', 'This message already uses the default wording.');
    return toDto(key, locale, undefined);
  }

  /**
   * Renders a template as a recipient would get it, with sample values in its language and the
   * company's branding. A draft (any of subject, body, sms) is rendered over the saved wording and
   * never stored.
   */
  async preview(companyId: string, key: TemplateKey, locale: Locale, draft: Partial<TemplateWording> = {}): Promise<RenderedMessage> {
    assertValid(key, draft);
    const company = await findCompany(this.ctx.db, companyId);
    if (!company) throw notFound('COMPANY_NOT_FOUND', 'No such company.');
    const base = await this.effective(companyId, key, locale);
    const template: TemplateText = {
      ...base,
      ...(draft.subject !== undefined && { subject: draft.subject }),
      ...(draft.body !== undefined && { body: draft.body }),
      ...(draft.sms !== undefined && { sms: draft.sms }),
    };
    const baseUrl = this.ctx.config.publicUrl;
    const variables = sampleVariables(key, locale, { companyName: company.name, companyPhone: company.phone, baseUrl });
    return renderMessage({
      template,
      variables,
      locale,
      branding: { companyName: company.name, brandColor: company.brand_color, logoUrl: company.logo_url, phone: company.phone },
      actionUrl: variables.link ?? null,
      // Staff are not e-mailed an unsubscribe link: their notifications are part of the job.
      unsubscribeUrl: audienceOf(key) === 'customer' ? `${baseUrl}/unsubscribe#token=sample` : null,
    });
  }

  private findOverride(db: Executor, companyId: string, key: TemplateKey, locale: Locale): Promise<OverrideRow | undefined> {
    return db
      .selectFrom('notification_templates')
      .select(['subject', 'body', 'sms', 'updated_at'])
      .where('company_id', '=', companyId)
      .where('template', '=', key)
      .where('locale', '=', locale)
      .executeTakeFirst();
  }
}
