import type { AppContext } from '../../context.js';
import { MINUTE } from '../../lib/clock.js';
import { PeriodicTask } from '../../lib/periodic-task.js';
import type { PaymentsService } from './payments.service.js';

/** How often overdue invoices are looked at; reminders are counted in days, so minutes are plenty. */
export const REMINDER_SWEEP_MS = 5 * MINUTE;

/**
 * Plans overdue payment reminders in the background, as the notification worker plans appointment
 * reminders, on every instance that runs the notification worker. Safe with several instances:
 * (invoice, step) is unique in `payment_reminders`, so a second pass finds the step done. The
 * planned messages go through the notification outbox.
 */
export const createPaymentReminderWorker = (ctx: AppContext, payments: PaymentsService) =>
  new PeriodicTask(ctx.logger, 'overdue payment reminders', REMINDER_SWEEP_MS, () => payments.planOverdueReminders());
