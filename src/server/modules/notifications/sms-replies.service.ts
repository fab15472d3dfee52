import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import { normalisePhone } from './sms-sender.js';

/** The opt-out and opt-in keywords carriers and Twilio recognise. */
const OPT_OUT_KEYWORDS = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT']);
const OPT_IN_KEYWORDS = new Set(['START', 'UNSTOP', 'YES']);

export type SmsReplyAction = 'opted_out' | 'opted_in' | 'ignored';

export interface SmsReply {
  from: string;
  body: string;
  messageSid?: string | undefined;
}

/**
 * Replies people send to our SMS. STOP (and its synonyms) stops every SMS to that number, a reply
 * of just START lets them through again; anything else is not for Arrivo to act on. A phone number belongs to a
 * person, not a company, so the choice applies to every contact with that number in every company.
 */
export class SmsRepliesService {
  constructor(private readonly ctx: AppContext) {}

  async handleReply(reply: SmsReply): Promise<{ action: SmsReplyAction; contacts: number }> {
    const keyword = firstWord(reply.body);
    // Stopping is honoured however it is phrased ("Stop please"); opting back in only when the
    // whole reply is the keyword, so "Yes, I'll be home" does not re-subscribe anyone.
    const wholeReply = reply.body.replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();
    const action: SmsReplyAction = OPT_OUT_KEYWORDS.has(keyword) ? 'opted_out' : OPT_IN_KEYWORDS.has(wholeReply) ? 'opted_in' : 'ignored';
    const phone = normalisePhone(reply.from);
    if (action === 'ignored' || !phone) {
      this.ctx.logger.info({ sms: { messageSid: reply.messageSid, keyword, action } }, action === 'ignored' ? 'SMS reply is not a keyword; ignored' : 'SMS reply from a number that is not international; ignored');
      return { action: 'ignored', contacts: 0 };
    }

    // Contacts keep their phone as typed (`+1 (555) 010-0101`): compare with the same characters removed
    // that normalisePhone removes. Phone inputs only accept digits, +, spaces, ( ) . / and -.
    const storedPhone = sql<string>`replace(replace(replace(replace(replace(phone, ' ', ''), '-', ''), '.', ''), '(', ''), ')', '')`;
    const update = this.ctx.db.updateTable('contacts').where('phone', 'is not', null).where(storedPhone, '=', phone);
    // Only rows whose state changes: a provider resending the webhook keeps the first opt-out's time.
    const result =
      action === 'opted_out'
        ? await update.set({ sms_opted_out_at: this.ctx.clock.now().toISOString() }).where('sms_opted_out_at', 'is', null).executeTakeFirst()
        : await update.set({ sms_opted_out_at: null }).where('sms_opted_out_at', 'is not', null).executeTakeFirst();
    const contacts = Number(result.numUpdatedRows);
    this.ctx.logger.info({ sms: { messageSid: reply.messageSid, action, contacts } }, `SMS reply ${keyword}: ${contacts} contact(s) ${action === 'opted_out' ? 'opted out of' : 'opted back in to'} SMS`);
    return { action, contacts };
  }
}

/** `" Stop. "` → `STOP`: the first word, upper-cased, without punctuation around it. */
function firstWord(body: string): string {
  return (body.trim().split(/\s+/)[0] ?? '').replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();
}
