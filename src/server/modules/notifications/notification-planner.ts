import type { AppContext } from '../../context.js';
import type { Trx } from '../../db/database.js';
import type { DomainEvent } from '../../lib/events.js';
import { newId } from '../../lib/ids.js';
import { formatAddress } from '../customers/customers.service.js';
import { formatMoney } from '../../../shared/money.js';
import { LOCALES, type CustomerTemplateKey, type Locale, type StaffTemplateKey, type TemplateKey } from './templates/template-catalog.js';
import type { Channel } from './notifications.table.js';
import { insertOutboxMessages } from './outbox.repository.js';
import type { NotificationTemplatesService } from './notification-templates.service.js';
import { renderMessage } from './templates/template-renderer.js';

/** Which template a customer's contacts get for each step of the job. */
const CUSTOMER_TEMPLATE_FOR_EVENT: Partial<Record<string, CustomerTemplateKey>> = {
  'job.created': 'job_created',
  'job.scheduled': 'appointment_scheduled',
  'job.rescheduled': 'appointment_rescheduled',
  'job.en_route': 'technician_on_the_way',
  'job.running_late': 'running_late',
  'job.paused': 'job_paused',
  'job.cancelled': 'job_cancelled',
  'job.completed': 'job_completed',
  'estimate.shared': 'estimate_shared',
  'invoice.shared': 'invoice_shared',
  'payment.received': 'payment_receipt',
  'invoice.payment_reminder': 'payment_reminder',
  'payment.autopay_failed': 'payment_failed',
  'job.staff_message': 'staff_message',
};

/** What the outbox keeps of a message: the template, the recipient's language and the filled-in values. */
export interface PlannedVariables {
  locale: Locale;
  values: Record<string, string>;
}

interface Recipient {
  kind: 'user' | 'contact';
  id: string;
  name: string;
  locale: Locale;
  channels: Channel[];
}

const toLocale = (language: string | null | undefined): Locale => {
  const base = (language ?? 'en').slice(0, 2) as Locale;
  return LOCALES.includes(base) ? base : 'en';
};

/** "Tue 14 Jan, 8:00 – 10:00 AM" in the recipient's language and the company's time zone. */
export function formatWindow(locale: Locale, timeZone: string, start: string, end: string): string {
  const format = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' });
  return format.formatRange(new Date(start), new Date(end));
}

/**
 * Turns each step of a job into the messages it causes, inside the transaction that records the
 * step: e-mail and SMS go to the outbox (the worker delivers them), in-app notifications are written
 * directly. So a change and its notifications commit together, or not at all.
 */
export class NotificationPlanner {
  constructor(
    private readonly ctx: AppContext,
    private readonly templates: NotificationTemplatesService,
  ) {}

  subscribe() {
    this.ctx.bus.subscribeInTransaction('*', (trx, event) => this.plan(trx, event));
  }

  async plan(trx: Trx, event: DomainEvent): Promise<void> {
    // Messages and survey answers are not timeline entries: they name their own key (messaging, surveys).
    const eventKey = event.timelineEventId ?? (typeof event.data.notificationKey === 'string' ? event.data.notificationKey : undefined);
    if (!event.jobId || !eventKey) return;
    const customerTemplate = CUSTOMER_TEMPLATE_FOR_EVENT[event.type];
    const staffTemplate = this.staffTemplateFor(event);
    if (!customerTemplate && !staffTemplate) return;

    const context = await this.jobContext(trx, event.companyId, event.jobId);
    if (!context) return;
    if (customerTemplate && context.notifications_enabled === 1) {
      const recipients = await this.customerRecipients(trx, event.companyId, event.jobId);
      await this.enqueue(trx, event.companyId, eventKey, customerTemplate, event.jobId, recipients, (locale) => this.values(context, event, locale));
    }
    if (staffTemplate) {
      const recipients = await this.dispatchers(trx, event.companyId);
      await this.enqueue(trx, event.companyId, eventKey, staffTemplate, event.jobId, recipients, (locale) => ({
        ...this.values(context, event, locale),
        // The person who wrote, and which customer they are.
        customerName: event.actor.name === context.customer_name ? event.actor.name : `${event.actor.name} (${context.customer_name})`,
        noteText: String(event.data.text ?? event.data.description ?? ''),
      }));
    }
  }

  /**
   * Plans the day-before reminder of one visit; the event key makes it once per visit and window.
   * Returns the in-app notifications' events, for the caller to publish once it committed.
   */
  async planReminder(
    trx: Trx,
    companyId: string,
    appointment: { id: string; job_id: string; window_start: string; window_end: string },
    occurredAt: string,
  ): Promise<DomainEvent[]> {
    await trx
      .insertInto('appointment_reminders')
      .values({ appointment_id: appointment.id, window_start: appointment.window_start, planned_at: occurredAt })
      .onConflict((oc) => oc.columns(['appointment_id', 'window_start']).doNothing())
      .execute();
    const context = await this.jobContext(trx, companyId, appointment.job_id);
    if (!context || context.notifications_enabled !== 1) return [];
    const recipients = await this.customerRecipients(trx, companyId, appointment.job_id);
    const event: DomainEvent = {
      type: 'appointment.reminder',
      companyId,
      jobId: appointment.job_id,
      actor: { kind: 'system', id: null, name: context.company_name },
      data: { windowStart: appointment.window_start, windowEnd: appointment.window_end },
      occurredAt,
    };
    return this.enqueue(trx, companyId, `reminder:${appointment.id}:${appointment.window_start}`, 'appointment_reminder', appointment.job_id, recipients, (locale) =>
      this.values(context, event, locale),
    );
  }

  private staffTemplateFor(event: DomainEvent): StaffTemplateKey | undefined {
    // Paid online or by auto-pay (a payment staff recorded themselves tells them nothing new).
    if (event.type === 'invoice.paid') return event.actor.kind === 'user' ? undefined : 'invoice_paid';
    if (event.actor.kind !== 'contact') return undefined;
    if (event.type === 'job.note_added') return 'customer_note';
    if (event.type === 'estimate.approved') return 'estimate_approved';
    if (event.type === 'estimate.declined') return 'estimate_declined';
    // Online changes the office would otherwise learn of only by looking (a service plan's skip or suspension included).
    if (event.type === 'job.rescheduled') return 'customer_rescheduled';
    if (event.type === 'job.cancelled') return 'customer_cancelled';
    if (event.type === 'job.customer_message') return 'customer_message';
    if (event.type === 'job.survey_answered' && event.data.lowRating === true) return 'survey_low_rating';
    if (event.type === 'job.created') return 'request_submitted';
    return undefined;
  }

  private async enqueue(
    trx: Trx,
    companyId: string,
    eventKey: string,
    template: TemplateKey,
    jobId: string,
    recipients: Recipient[],
    valuesFor: (locale: Locale) => Record<string, string>,
  ) {
    const now = this.ctx.clock.now().toISOString();
    const outbox = [];
    const inApp = [];
    const events: DomainEvent[] = [];
    for (const recipient of recipients) {
      const values: Record<string, string> = { ...valuesFor(recipient.locale), recipientName: recipient.name };
      for (const channel of recipient.channels) {
        if (channel === 'in_app') {
          inApp.push({ recipient, values });
          continue;
        }
        const variables: PlannedVariables = { locale: recipient.locale, values };
        outbox.push({
          id: newId(),
          company_id: companyId,
          event_key: eventKey,
          recipient_kind: recipient.kind,
          recipient_id: recipient.id,
          channel,
          template,
          job_id: jobId,
          variables: JSON.stringify(variables),
          status: 'pending' as const,
          attempts: 0,
          next_attempt_at: now,
          created_at: now,
        });
      }
    }
    await insertOutboxMessages(trx, outbox);
    for (const { recipient, values } of inApp) {
      // The bell shows the message's subject in the recipient's language, as the company worded it.
      const wording = await this.templates.effective(companyId, template, recipient.locale, trx);
      const title = renderMessage({
        template: wording,
        variables: values,
        locale: recipient.locale,
        branding: { companyName: values.companyName ?? '', brandColor: '#000000', logoUrl: null, phone: null },
        actionUrl: null,
        unsubscribeUrl: null,
      }).subject;
      const id = newId();
      await trx
        .insertInto('notifications')
        .values({
          id,
          company_id: companyId,
          recipient_kind: recipient.kind,
          recipient_id: recipient.id,
          type: template,
          job_id: jobId,
          title,
          body: inAppBody(template, values),
          created_at: now,
        })
        .execute();
      // The bell updates live: the live-update log takes this in the same transaction.
      const created: DomainEvent = {
        type: 'notification.created',
        companyId,
        jobId,
        actor: { kind: 'system', id: null, name: values.companyName ?? '' },
        occurredAt: now,
        data: { notificationId: id, recipientKind: recipient.kind, recipientId: recipient.id, type: template, title },
      };
      await this.ctx.bus.dispatchInTransaction(trx, created);
      events.push(created);
    }
    return events;
  }

  private async jobContext(trx: Trx, companyId: string, jobId: string) {
    return trx
      .selectFrom('jobs')
      .innerJoin('companies', 'companies.id', 'jobs.company_id')
      .innerJoin('customers', 'customers.id', 'jobs.customer_id')
      .innerJoin('service_categories', 'service_categories.id', 'jobs.category_id')
      .innerJoin('locations', 'locations.id', 'jobs.location_id')
      .select([
        'jobs.reference',
        'jobs.notifications_enabled',
        'companies.name as company_name',
        'companies.phone as company_phone',
        'companies.timezone',
        'customers.name as customer_name',
        'service_categories.name as category_name',
        'locations.line1',
        'locations.line2',
        'locations.city',
        'locations.postal_code',
      ])
      .where('jobs.company_id', '=', companyId)
      .where('jobs.id', '=', jobId)
      .executeTakeFirst();
  }

  private values(context: NonNullable<Awaited<ReturnType<NotificationPlanner['jobContext']>>>, event: DomainEvent, locale: Locale): Record<string, string> {
    const data = event.data;
    const values: Record<string, string> = {
      companyName: context.company_name,
      companyPhone: context.company_phone ?? '',
      reference: context.reference,
      category: context.category_name,
      address: formatAddress(context),
    };
    if (typeof data.windowStart === 'string' && typeof data.windowEnd === 'string') values.window = formatWindow(locale, context.timezone, data.windowStart, data.windowEnd);
    if (typeof data.technicianName === 'string') values.technicianName = data.technicianName;
    if (typeof data.message === 'string') values.message = data.message;
    if (typeof data.reason === 'string') values.reason = data.reason;
    if (typeof data.notes === 'string') values.notes = data.notes;
    // Estimates and invoices (billing module): number, total in the document's currency, due date in the company's zone.
    if (typeof data.number === 'string') values.documentNumber = data.number;
    if (typeof data.amountMinor === 'number' && typeof data.currency === 'string') values.amount = formatMoney(data.amountMinor, data.currency, locale);
    if (typeof data.receiptNumber === 'string') values.receiptNumber = data.receiptNumber;
    if (typeof data.dueAt === 'string') values.dueDate = new Intl.DateTimeFormat(locale, { timeZone: context.timezone, dateStyle: 'medium' }).format(new Date(data.dueAt));
    if (typeof data.eta === 'string') values.eta = data.eta;
    if (typeof data.rating === 'number') values.rating = String(data.rating);
    if (typeof data.etaAt === 'string') values.eta = new Intl.DateTimeFormat(locale, { timeZone: context.timezone, hour: 'numeric', minute: '2-digit' }).format(new Date(data.etaAt));
    return values;
  }

  /** The job's contacts who receive its notifications, with the channels each one can be reached on. */
  private async customerRecipients(trx: Trx, companyId: string, jobId: string): Promise<Recipient[]> {
    const contacts = await trx
      .selectFrom('job_contacts')
      .innerJoin('contacts', 'contacts.id', 'job_contacts.contact_id')
      .select(['contacts.id', 'contacts.name', 'contacts.email', 'contacts.phone', 'contacts.language', 'contacts.notify_email', 'contacts.notify_sms', 'contacts.sms_opted_out_at', 'contacts.email_unsubscribed_at'])
      .where('job_contacts.company_id', '=', companyId)
      .where('job_contacts.job_id', '=', jobId)
      .where('job_contacts.notify', '=', 1)
      .execute();
    return contacts.map((c) => ({
      kind: 'contact' as const,
      id: c.id,
      name: c.name,
      locale: toLocale(c.language),
      channels: [
        'in_app' as const,
        ...(c.email && c.notify_email === 1 && !c.email_unsubscribed_at ? (['email'] as const) : []),
        ...(c.phone && c.notify_sms === 1 && !c.sms_opted_out_at ? (['sms'] as const) : []),
      ],
    }));
  }

  /** Every active dispatcher hears of what customers do: in the app and by e-mail. */
  private async dispatchers(trx: Trx, companyId: string): Promise<Recipient[]> {
    const users = await trx.selectFrom('users').select(['id', 'name', 'language']).where('company_id', '=', companyId).where('role', '=', 'dispatcher').where('active', '=', 1).execute();
    return users.map((u) => ({ kind: 'user' as const, id: u.id, name: u.name, locale: toLocale(u.language), channels: ['in_app', 'email'] }));
  }
}

// The bell shows the subject and a short body; the full wording is in the e-mail.
function inAppBody(template: TemplateKey, values: Record<string, string>): string {
  if (template === 'customer_note' || template === 'request_submitted' || template === 'customer_message' || template === 'survey_low_rating') {
    const text = values.noteText ?? '';
    return text.length > 140 ? `${text.slice(0, 139)}…` : text;
  }
  return [values.window, values.message, values.reason, values.category].filter(Boolean).join(' · ');
}
