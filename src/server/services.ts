import path from 'node:path';
import type { AppContext } from './context.js';
import { AccountsService } from './modules/accounts/accounts.service.js';
import { AttachmentsService } from './modules/attachments/attachments.service.js';
import { createDiskFileStore } from './modules/attachments/file-store.js';
import { CompaniesService } from './modules/companies/companies.service.js';
import { CustomersService } from './modules/customers/customers.service.js';
import { IntakeService } from './modules/integrations/intake.service.js';
import { JobSourcesService } from './modules/integrations/job-sources.service.js';
import { JobsService } from './modules/jobs/jobs.service.js';
import { DispatchService } from './modules/dispatch/dispatch.service.js';
import { NotificationsService } from './modules/notifications/notifications.service.js';
import { NotificationPlanner } from './modules/notifications/notification-planner.js';
import { NotificationPreferencesService } from './modules/notifications/notification-preferences.service.js';
import { NotificationTemplatesService } from './modules/notifications/notification-templates.service.js';
import { NotificationWorker } from './modules/notifications/notification-worker.js';
import { createSmsSender } from './modules/notifications/sms-sender.js';
import { SmsRepliesService } from './modules/notifications/sms-replies.service.js';
import { LiveUpdatesService } from './modules/live-updates/live-updates.service.js';
import { PortalService } from './modules/portal/portal.service.js';
import { BillingService } from './modules/billing/billing.service.js';
import { PaymentsService } from './modules/payments/payments.service.js';
import { createPaymentReminderWorker } from './modules/payments/payment-reminder-worker.js';
import { MessagingService } from './modules/messaging/messaging.service.js';
import { SurveysService } from './modules/surveys/surveys.service.js';
import { SchedulingService } from './modules/scheduling/scheduling.service.js';
import { RouteOptimisationService } from './modules/route-optimisation/route-optimisation.service.js';
import { ServicePlansService } from './modules/service-plans/service-plans.service.js';
import { createServicePlanWorker } from './modules/service-plans/service-plan-worker.js';
import { createOsrmClient } from './modules/tracking/routing-client.js';
import { TrackingService } from './modules/tracking/tracking.service.js';
import { ServiceCategoriesService } from './modules/service-categories/service-categories.service.js';
import { TechniciansService } from './modules/technicians/technicians.service.js';

/** Builds every service once, at boot, and wires event subscribers. */
export function createServices(ctx: AppContext) {
  const accounts = new AccountsService(ctx);
  const companies = new CompaniesService(ctx);
  const customers = new CustomersService(ctx);
  const categories = new ServiceCategoriesService(ctx);
  const sources = new JobSourcesService(ctx);
  const technicians = new TechniciansService(ctx);
  const attachments = new AttachmentsService(ctx, createDiskFileStore(path.join(ctx.config.dataDir, 'uploads')));
  const jobs = new JobsService(ctx, { attachments, customers, categories, technicians });
  const tracking = new TrackingService(ctx, { jobs, ...(ctx.config.routingUrl ? { routing: createOsrmClient(ctx.config.routingUrl, { logger: ctx.logger }) } : {}) });
  tracking.subscribe();
  const dispatch = new DispatchService(ctx, { jobs, categories });
  dispatch.subscribe();
  const scheduling = new SchedulingService(ctx, { jobs, categories, dispatch });
  const portal = new PortalService(ctx, { jobs, categories, sources, tracking, scheduling });
  const servicePlans = new ServicePlansService(ctx, { jobs, sources, categories, technicians });
  const intake = new IntakeService(ctx, { jobs, customers });
  const billing = new BillingService(ctx, { jobs, portal });
  const payments = new PaymentsService(ctx, { portal });
  payments.subscribe();
  const notifications = new NotificationsService(ctx);
  const devMailbox = ctx.devMailbox;
  const smsSender = createSmsSender(ctx.config, ctx.logger, devMailbox);
  const smsReplies = new SmsRepliesService(ctx);
  const notificationPreferences = new NotificationPreferencesService(ctx);
  const notificationTemplates = new NotificationTemplatesService(ctx);
  const notificationPlanner = new NotificationPlanner(ctx, notificationTemplates);
  notificationPlanner.subscribe();
  const notificationWorker = new NotificationWorker(ctx, { mailer: ctx.mailer, sms: smsSender, templates: notificationTemplates, accounts, planner: notificationPlanner });
  return {
    accounts,
    companies,
    customers,
    categories,
    sources,
    technicians,
    attachments,
    jobs,
    portal,
    scheduling,
    servicePlans,
    servicePlanWorker: createServicePlanWorker(ctx, servicePlans),
    dispatch,
    tracking,
    intake,
    billing,
    payments,
    paymentReminderWorker: createPaymentReminderWorker(ctx, payments),
    notifications,
    notificationPreferences,
    notificationTemplates,
    notificationPlanner,
    notificationWorker,
    devMailbox,
    smsSender,
    smsReplies,
    liveUpdates: new LiveUpdatesService(ctx, { portal }),
    messaging: new MessagingService(ctx, { portal }),
    surveys: new SurveysService(ctx, { portal }),
    routeOptimisation: new RouteOptimisationService(ctx),
  };
}

export type Services = ReturnType<typeof createServices>;
