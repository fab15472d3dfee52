import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Trx } from '../../db/database.js';
import { HOUR, MINUTE, isoAfter } from '../../lib/clock.js';
import { hashToken, newSecretToken } from '../../lib/tokens.js';
import type { AccountsService } from '../accounts/accounts.service.js';
import type { Mailer } from './mailer.js';
import type { NotificationPlanner, PlannedVariables } from './notification-planner.js';
import type { NotificationTemplatesService } from './notification-templates.service.js';
import type { OutboxMessageRow } from './notifications.table.js';
import { claimDueMessages, finishMessage, renewHold } from './outbox.repository.js';
import { SmsSendError, type SmsSender } from './sms-sender.js';
import type { TemplateKey } from './templates/template-catalog.js';
import { renderMessage } from './templates/template-renderer.js';
import { surveyUrl } from '../surveys/survey-link.js';

/** Tries before a message is parked for an admin to look at: about an hour and a half of retrying. */
export const MAX_ATTEMPTS = 8;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = HOUR;
const BATCH_SIZE = 50;
/** Messages sent at once by one worker (the SMTP pool keeps as many connections). */
export const SEND_CONCURRENCY = 10;
/** Reminders go out the day before: from 24 hours before the window until 2 hours before it. */
const REMINDER_LEAD_MS = 24 * HOUR;
const REMINDER_LATEST_MS = 2 * HOUR;

/** Exponential backoff with jitter: 30 s, 1 min, 2 min … capped at an hour. */
export function retryDelay(attempt: number, random = Math.random): number {
  const base = Math.min(FIRST_RETRY_MS * 2 ** (attempt - 1), MAX_RETRY_MS);
  return Math.round(base * (0.8 + 0.4 * random()));
}

type Outcome = { status: 'sent' } | { status: 'skipped'; reason: string } | { status: 'deferred'; until: string } | { status: 'lost' };

/**
 * Delivers the notification outbox: takes due messages, renders them in the recipient's language
 * with the company's templates, sends them by e-mail or SMS, and records the result. Failures are
 * retried with backoff and parked after MAX_ATTEMPTS. Any number of workers (one per instance) can
 * run at once: each message is taken by one worker at a time.
 *
 * Delivery is at-least-once at the transport: a worker that dies after the mail server accepted a
 * message but before recording it sends it again on restart. Each e-mail carries a Message-ID
 * derived from its outbox id, the same on every try, so mail systems can recognise the repeat.
 */
export class NotificationWorker {
  readonly id = `worker-${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private wakeRequested = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly deps: {
      mailer: Mailer;
      sms: SmsSender;
      templates: NotificationTemplatesService;
      accounts: AccountsService;
      planner: NotificationPlanner;
    },
  ) {}

  /** Starts polling; a committed change also wakes the worker at once. */
  start() {
    if (!this.stopped) return;
    this.stopped = false;
    this.ctx.bus.subscribe('*', () => this.wake());
    this.schedule(0);
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  wake() {
    if (this.stopped) return;
    if (this.running) {
      this.wakeRequested = true;
      return;
    }
    this.schedule(0);
  }

  private schedule(delay: number) {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.loop().finally(() => {
        this.running = undefined;
      });
    }, delay);
  }

  private async loop() {
    let handled = 0;
    try {
      await this.planReminders();
      handled = await this.runOnce();
    } catch (error) {
      this.ctx.logger.error({ err: error }, 'notification worker failed a round');
    }
    if (this.stopped) return;
    const again = handled === BATCH_SIZE || this.wakeRequested;
    this.wakeRequested = false;
    this.schedule(again ? 0 : this.ctx.config.notificationPollMs);
  }

  /** Delivers everything due now, round after round, until nothing is due (tests and benchmarks). */
  async drain(): Promise<number> {
    let total = 0;
    await this.planReminders();
    for (;;) {
      const handled = await this.runOnce();
      total += handled;
      if (handled === 0) return total;
    }
  }

  /** One round: takes a batch and delivers it; returns how many messages it took. */
  async runOnce(limit = BATCH_SIZE): Promise<number> {
    const now = this.ctx.clock.now();
    const batch = await claimDueMessages(this.ctx.db, this.ctx.dbKind, this.id, now.toISOString(), isoAfter(now, this.ctx.config.notificationLockMs), limit);
    // A mail server answers each message in a few round trips: several at once keep it busy.
    let next = 0;
    const lane = async () => {
      while (next < batch.length) await this.deliver(batch[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(SEND_CONCURRENCY, batch.length) }, lane));
    return batch.length;
  }

  private async deliver(message: OutboxMessageRow) {
    let outcome: Outcome;
    try {
      outcome = await this.send(message);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const now = this.ctx.clock.now();
      // A failure that no retry can fix (an invalid phone number) is parked at once.
      const permanent = error instanceof SmsSendError && error.permanent;
      if (permanent || message.attempts >= MAX_ATTEMPTS) {
        this.ctx.logger.warn({ outboxId: message.id, attempts: message.attempts, err: error }, 'notification parked after its last try');
        await finishMessage(this.ctx.db, message.id, this.id, { status: 'parked', lastError: reason });
      } else {
        await finishMessage(this.ctx.db, message.id, this.id, { status: 'pending', lastError: reason, nextAttemptAt: isoAfter(now, retryDelay(message.attempts)) });
      }
      return;
    }
    const now = this.ctx.clock.now().toISOString();
    // Another worker holds it now (this one's hold ran out): that worker records the result.
    if (outcome.status === 'lost') return;
    if (outcome.status === 'sent') await finishMessage(this.ctx.db, message.id, this.id, { status: 'sent', sentAt: now, lastError: null });
    else if (outcome.status === 'skipped') await finishMessage(this.ctx.db, message.id, this.id, { status: 'skipped', lastError: outcome.reason });
    // Quiet hours are not a failed try: the message waits, its tries untouched.
    else await finishMessage(this.ctx.db, message.id, this.id, { status: 'pending', nextAttemptAt: outcome.until, attempts: message.attempts - 1 });
  }

  private async send(message: OutboxMessageRow): Promise<Outcome> {
    const { db } = this.ctx;
    const planned = JSON.parse(message.variables) as PlannedVariables;
    const company = await db.selectFrom('companies').selectAll().where('id', '=', message.company_id).executeTakeFirstOrThrow();
    const job = message.job_id ? await db.selectFrom('jobs').select(['id', 'notifications_enabled']).where('id', '=', message.job_id).executeTakeFirst() : undefined;

    let address: string | null;
    let contactId: string | null = null;
    if (message.recipient_kind === 'contact') {
      const contact = await db.selectFrom('contacts').selectAll().where('company_id', '=', message.company_id).where('id', '=', message.recipient_id).executeTakeFirst();
      if (!contact) return { status: 'skipped', reason: 'the contact no longer exists' };
      // The contact may have changed their mind since the message was planned.
      if (job && job.notifications_enabled !== 1) return { status: 'skipped', reason: 'notifications are off for this job' };
      if (message.channel === 'email' && (contact.notify_email !== 1 || contact.email_unsubscribed_at)) return { status: 'skipped', reason: 'the contact unsubscribed from e-mail' };
      if (message.channel === 'sms' && (contact.notify_sms !== 1 || contact.sms_opted_out_at)) return { status: 'skipped', reason: 'the contact opted out of SMS' };
      const quietUntil = quietHoursEnd(this.ctx.clock.now(), company.timezone, contact.quiet_hours_start, contact.quiet_hours_end);
      if (quietUntil) return { status: 'deferred', until: quietUntil };
      address = message.channel === 'email' ? contact.email : contact.phone;
      contactId = contact.id;
    } else {
      const user = await db.selectFrom('users').select(['email', 'active']).where('company_id', '=', message.company_id).where('id', '=', message.recipient_id).executeTakeFirst();
      if (!user || user.active !== 1) return { status: 'skipped', reason: 'the user is no longer active' };
      address = user.email;
    }
    if (!address) return { status: 'skipped', reason: `no ${message.channel === 'email' ? 'e-mail address' : 'phone number'}` };

    // One short transaction before sending: renew the hold (so no other worker takes the message
    // over mid-send) and make the recipient's job link and unsubscribe link.
    const links = await db.transaction().execute(async (trx) => {
      if (!(await renewHold(trx, message.id, this.id, isoAfter(this.ctx.clock.now(), this.ctx.config.notificationLockMs)))) return undefined;
      if (!contactId) return { actionUrl: job ? `${this.ctx.config.publicUrl}/console/jobs/${job.id}` : null, surveyUrl: null, unsubscribeUrl: null };
      const jobLink = job ? await this.deps.accounts.createJobLink(message.company_id, job.id, contactId, trx) : null;
      return {
        actionUrl: jobLink?.url ?? null,
        surveyUrl: jobLink ? surveyUrl(this.ctx.config.publicUrl, jobLink.token) : null,
        unsubscribeUrl: message.channel === 'email' ? await this.unsubscribeUrl(trx, message.company_id, contactId) : null,
      };
    });
    if (!links) return { status: 'lost' };
    const { actionUrl, unsubscribeUrl } = links;

    const template = await this.deps.templates.effective(message.company_id, message.template as TemplateKey, planned.locale);
    const rendered = renderMessage({
      template,
      // The survey page opens with the recipient's own job link, so it works without signing in.
      variables: { ...planned.values, link: actionUrl ?? '', surveyLink: planned.values.surveyLink ?? links.surveyUrl ?? actionUrl ?? '' },
      locale: planned.locale,
      branding: { companyName: company.name, brandColor: company.brand_color, logoUrl: company.logo_url, phone: company.phone },
      actionUrl,
      unsubscribeUrl,
    });
    if (message.channel === 'email') {
      await this.deps.mailer.send({
        to: address,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        messageId: `<${message.id}@arrivo.notifications>`,
        ...(unsubscribeUrl ? { headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>` } } : {}),
      });
    } else {
      if (!rendered.sms.trim()) return { status: 'skipped', reason: 'this message has no SMS text' };
      await this.deps.sms.send({ to: address, body: rendered.sms });
    }
    return { status: 'sent' };
  }

  private async unsubscribeUrl(trx: Trx, companyId: string, contactId: string): Promise<string> {
    const token = newSecretToken('u_');
    await trx
      .insertInto('unsubscribe_tokens')
      .values({ token_hash: hashToken(token), company_id: companyId, contact_id: contactId, created_at: this.ctx.clock.now().toISOString() })
      .execute();
    return `${this.ctx.config.publicUrl}/unsubscribe#token=${token}`;
  }

  /** Plans the day-before reminders that have come due; planning is idempotent, so every worker may do it. */
  async planReminders() {
    const now = this.ctx.clock.now();
    const due = await this.ctx.db
      .selectFrom('appointments')
      .innerJoin('jobs', 'jobs.id', 'appointments.job_id')
      .select(['appointments.id', 'appointments.company_id', 'appointments.job_id', 'appointments.window_start', 'appointments.window_end'])
      .where('appointments.status', '=', 'scheduled')
      .where('appointments.window_start', '>', isoAfter(now, REMINDER_LATEST_MS))
      .where('appointments.window_start', '<=', isoAfter(now, REMINDER_LEAD_MS))
      .where('jobs.current_appointment_id', '=', (eb) => eb.ref('appointments.id'))
      .where('jobs.notifications_enabled', '=', 1)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('appointment_reminders')
              .select('appointment_reminders.appointment_id')
              .whereRef('appointment_reminders.appointment_id', '=', 'appointments.id')
              .whereRef('appointment_reminders.window_start', '=', 'appointments.window_start'),
          ),
        ),
      )
      .limit(500)
      .execute();
    for (const appointment of due) {
      const events = await this.ctx.db.transaction().execute((trx) => this.deps.planner.planReminder(trx, appointment.company_id, appointment, now.toISOString()));
      await this.ctx.bus.publish(events);
    }
    return due.length;
  }
}

/**
 * When the contact's quiet hours (minutes after midnight, company time zone) cover `now`, the
 * instant they end; otherwise null. A window may cross midnight (e.g. 21:00–08:00).
 */
export function quietHoursEnd(now: Date, timeZone: string, start: number | null, end: number | null): string | null {
  if (start === null || end === null || start === end) return null;
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const minute = Number(parts.find((p) => p.type === 'hour')!.value) * 60 + Number(parts.find((p) => p.type === 'minute')!.value);
  const inside = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!inside) return null;
  const wait = (end - minute + 24 * 60) % (24 * 60);
  // Whole minutes from now, landing at the start of the minute the quiet hours end.
  const at = new Date(now.getTime() + wait * MINUTE);
  at.setUTCSeconds(0, 0);
  return at.toISOString();
}

