import type { AppContext } from '../../context.js';
import { AppError, invalidField } from '../../lib/errors.js';
import { hashToken } from '../../lib/tokens.js';

export interface PreferencesDto {
  email: boolean;
  sms: boolean;
  /** "HH:MM" in the company's time zone, or null for no quiet hours. */
  quietHours: { start: string; end: string } | null;
  smsOptedOut: boolean;
  emailUnsubscribed: boolean;
  language: string;
}

const toClock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const toMinutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/** How each contact wants to hear from the company: channels, quiet hours, language, unsubscribing. */
export class NotificationPreferencesService {
  constructor(private readonly ctx: AppContext) {}

  async get(companyId: string, contactId: string): Promise<PreferencesDto> {
    const c = await this.ctx.db.selectFrom('contacts').selectAll().where('company_id', '=', companyId).where('id', '=', contactId).executeTakeFirstOrThrow();
    return {
      email: c.notify_email === 1 && !c.email_unsubscribed_at,
      sms: c.notify_sms === 1 && !c.sms_opted_out_at,
      quietHours: c.quiet_hours_start !== null && c.quiet_hours_end !== null ? { start: toClock(c.quiet_hours_start), end: toClock(c.quiet_hours_end) } : null,
      smsOptedOut: c.sms_opted_out_at !== null,
      emailUnsubscribed: c.email_unsubscribed_at !== null,
      language: c.language,
    };
  }

  /**
   * Turning e-mail back on also lifts an unsubscribe. SMS stays off after a STOP reply until the
   * contact texts START: carriers require the opt-in to come from the phone.
   */
  async update(companyId: string, contactId: string, input: { email?: boolean; sms?: boolean; quietHours?: { start: string; end: string } | null; language?: string }): Promise<PreferencesDto> {
    if (input.quietHours && input.quietHours.start === input.quietHours.end) throw invalidField('quietHours.end', 'must differ from the start');
    const current = await this.get(companyId, contactId);
    if (input.sms === true && current.smsOptedOut) {
      throw new AppError(409, 'SMS_OPTED_OUT', 'You replied STOP to our text messages. Text START to the same number to receive them again.', { field: 'sms' });
    }
    const patch = {
      ...(input.email !== undefined && { notify_email: input.email ? 1 : 0, ...(input.email && { email_unsubscribed_at: null }) }),
      ...(input.sms !== undefined && { notify_sms: input.sms ? 1 : 0 }),
      ...(input.quietHours !== undefined && {
        quiet_hours_start: input.quietHours ? toMinutes(input.quietHours.start) : null,
        quiet_hours_end: input.quietHours ? toMinutes(input.quietHours.end) : null,
      }),
      ...(input.language !== undefined && { language: input.language }),
    };
    if (Object.keys(patch).length > 0) {
      await this.ctx.db.updateTable('contacts').set(patch).where('company_id', '=', companyId).where('id', '=', contactId).execute();
    }
    return this.get(companyId, contactId);
  }

  /** The unsubscribe link of an e-mail: stops job e-mails to that contact (in-app and SMS are separate). */
  async unsubscribe(token: string): Promise<{ companyName: string }> {
    const row = await this.ctx.db
      .selectFrom('unsubscribe_tokens')
      .innerJoin('companies', 'companies.id', 'unsubscribe_tokens.company_id')
      .select(['unsubscribe_tokens.company_id', 'unsubscribe_tokens.contact_id', 'companies.name'])
      .where('unsubscribe_tokens.token_hash', '=', hashToken(token))
      .executeTakeFirst();
    if (!row) throw new AppError(404, 'UNSUBSCRIBE_LINK_INVALID', 'This unsubscribe link is not valid.');
    await this.ctx.db
      .updateTable('contacts')
      .set({ email_unsubscribed_at: this.ctx.clock.now().toISOString() })
      .where('company_id', '=', row.company_id)
      .where('id', '=', row.contact_id)
      .where('email_unsubscribed_at', 'is', null)
      .execute();
    return { companyName: row.name };
  }
}
