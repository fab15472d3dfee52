import type { Migration } from 'kysely';
import * as initial from './2026-11-22-0001-initial.js';
import * as notificationOutbox from './2026-11-22-0002-notification-outbox.js';
import * as liveEvents from './2026-11-23-0003-live-events.js';
import * as tracking from './2026-11-23-0004-tracking.js';
import * as scheduling from './2026-11-23-0005-scheduling.js';
import * as liveEventRecipients from './2026-11-23-0006-live-event-recipients.js';
import * as dispatchRules from './2026-11-23-0009-dispatch-rules.js';
import * as billingDocuments from './2026-11-23-0007-billing-documents.js';
import * as servicePlans from './2026-11-23-0008-service-plans.js';
import * as messagesAndSurveys from './2026-11-23-0010-messages-and-surveys.js';
import * as plannedArrivals from './2026-11-23-0011-planned-arrivals.js';
import * as payments from './2026-11-23-0012-payments.js';

/** Every migration in order. Migrations are history: add new files, never edit one on main. */
export const migrations: Record<string, Migration> = {
  '2026-11-22-0001-initial': initial,
  '2026-11-22-0002-notification-outbox': notificationOutbox,
  '2026-11-23-0003-live-events': liveEvents,
  '2026-11-23-0004-tracking': tracking,
  '2026-11-23-0005-scheduling': scheduling,
  '2026-11-23-0006-live-event-recipients': liveEventRecipients,
  '2026-11-23-0007-billing-documents': billingDocuments,
  '2026-11-23-0008-service-plans': servicePlans,
  '2026-11-23-0009-dispatch-rules': dispatchRules,
  '2026-11-23-0010-messages-and-surveys': messagesAndSurveys,
  '2026-11-23-0011-planned-arrivals': plannedArrivals,
  '2026-11-23-0012-payments': payments,
};
