import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { createDb, type DatabaseHandle } from './db/create-db.js';
import { systemClock, type Clock } from './lib/clock.js';
import { EventBus } from './lib/events.js';
import { ErrorResponse } from './lib/schemas.js';
import { DevMailbox } from './modules/notifications/dev-mailbox.js';
import { createMailer, type Mailer } from './modules/notifications/mailer.js';
import { authPlugin } from './plugins/auth.js';
import { errorsPlugin } from './plugins/errors.js';
import { createServices, type Services } from './services.js';
import { accountsRoutes } from './modules/accounts/accounts.routes.js';
import { attachmentsRoutes } from './modules/attachments/attachments.routes.js';
import { companiesRoutes } from './modules/companies/companies.routes.js';
import { customersRoutes } from './modules/customers/customers.routes.js';
import { integrationsRoutes } from './modules/integrations/integrations.routes.js';
import { jobsRoutes } from './modules/jobs/jobs.routes.js';
import { liveUpdatesRoutes } from './modules/live-updates/live-updates.routes.js';
import { mapConfigRoutes } from './modules/map-config/map-config.routes.js';
import { notificationsRoutes } from './modules/notifications/notifications.routes.js';
import { notificationTemplatesRoutes } from './modules/notifications/notification-templates.routes.js';
import { smsRoutes } from './modules/notifications/sms.routes.js';
import { portalRoutes } from './modules/portal/portal.routes.js';
import { billingRoutes } from './modules/billing/billing.routes.js';
import { paymentsRoutes } from './modules/payments/payments.routes.js';
import { messagingRoutes } from './modules/messaging/messaging.routes.js';
import { surveysRoutes } from './modules/surveys/surveys.routes.js';
import { schedulingRoutes } from './modules/scheduling/scheduling.routes.js';
import { routeOptimisationRoutes } from './modules/route-optimisation/route-optimisation.routes.js';
import { servicePlansRoutes } from './modules/service-plans/service-plans.routes.js';
import { dispatchRoutes } from './modules/dispatch/dispatch.routes.js';
import { trackingRoutes } from './modules/tracking/tracking.routes.js';
import { serviceCategoriesRoutes } from './modules/service-categories/service-categories.routes.js';
import { techniciansRoutes } from './modules/technicians/technicians.routes.js';
import { frontEndsRoutes } from './pages/front-ends.routes.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    services: Services;
    clock: Clock;
    bus: EventBus;
    database: DatabaseHandle;
    /** Every route the app registered (HEAD included), in registration order; the access-table test reads it. */
    routeList: readonly RegisteredRoute[];
  }
}

export interface RegisteredRoute {
  method: string;
  url: string;
}

export interface BuildOptions {
  /** An open database; by default one is opened from the config (and closed with the app). */
  database?: DatabaseHandle;
  clock?: Clock;
  mailer?: Mailer;
}

/** Builds the whole application: plugins, services, routes. It never listens (see server.ts). */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'] },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { allErrors: true, removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<TypeBoxTypeProvider>();

  const database = options.database ?? createDb(config);
  const ownsDatabase = !options.database;
  const clock = options.clock ?? systemClock;
  const bus = new EventBus(app.log);
  const devMailbox = new DevMailbox();
  const mailer = options.mailer ?? createMailer(config, app.log, devMailbox);
  const ctx: AppContext = { config, db: database.db, dbKind: database.kind, clock, bus, mailer, devMailbox, logger: app.log };
  const services = createServices(ctx);

  // Collected before any plugin registers a route, so the list is complete once the app is ready.
  const routeList: RegisteredRoute[] = [];
  app.decorate('routeList', routeList);
  app.addHook('onRoute', (route) => {
    for (const method of Array.isArray(route.method) ? route.method : [route.method]) routeList.push({ method, url: route.url });
  });

  app.decorate('config', config);
  app.decorate('services', services);
  app.decorate('clock', clock);
  app.decorate('bus', bus);
  app.decorate('database', database);
  // The background passes (service-plan visits, overdue payment reminders) run beside the
  // notification worker, on the instances that serve and run it (tests build without listening).
  app.addHook('onListen', async () => {
    if (!config.notificationWorker) return;
    services.servicePlanWorker.start();
    services.paymentReminderWorker.start();
  });
  app.addHook('onClose', async () => {
    await services.notificationWorker.stop();
    await services.servicePlanWorker.stop();
    await services.paymentReminderWorker.stop();
    mailer.close();
    if (ownsDatabase) await database.destroy();
  });

  app.addSchema(ErrorResponse);
  await app.register(errorsPlugin);
  await app.register(cookie);
  await app.register(rateLimit, { global: false, errorResponseBuilder: (_request, context) => ({ statusCode: 429, code: 'RATE_LIMITED', message: `Too many attempts; try again in ${context.after}.` }) });
  await app.register(multipart, { limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 5, parts: 6 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Arrivo API',
        version: '0.1.0',
        description:
          'Customer portal and dispatch back office for field-service companies. Staff and customers authenticate with a session cookie; job links with a cookie scoped to their job; integrations with `Authorization: Bearer <API key>`. Errors always answer `{ "error": { "code", "message", "details" } }`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'arrivo_session' },
          jobLink: { type: 'apiKey', in: 'cookie', name: 'arrivo_job' },
          apiKey: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(authPlugin, { accounts: services.accounts, config });

  app.get(
    '/health',
    {
      schema: {
        tags: ['Operations'],
        summary: 'Liveness and database reachability, for uptime monitors',
        response: { 200: Type.Object({ status: Type.Literal('ok'), database: Type.Enum(['sqlite', 'postgres']) }), 503: Type.Object({ status: Type.Literal('error'), database: Type.Enum(['sqlite', 'postgres']) }) },
      },
    },
    async (_request, reply) => {
      try {
        await sql`select 1`.execute(database.db);
        return { status: 'ok' as const, database: database.kind };
      } catch (error) {
        app.log.error({ err: error }, 'health check: database unreachable');
        return reply.status(503).send({ status: 'error' as const, database: database.kind });
      }
    },
  );
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(companiesRoutes);
  await app.register(accountsRoutes);
  await app.register(techniciansRoutes);
  await app.register(customersRoutes);
  await app.register(serviceCategoriesRoutes);
  await app.register(integrationsRoutes);
  await app.register(jobsRoutes);
  await app.register(attachmentsRoutes);
  await app.register(notificationsRoutes);
  await app.register(notificationTemplatesRoutes);
  await app.register(smsRoutes);
  await app.register(portalRoutes);
  await app.register(billingRoutes);
  await app.register(paymentsRoutes);
  await app.register(messagingRoutes);
  await app.register(surveysRoutes);
  await app.register(schedulingRoutes);
  await app.register(routeOptimisationRoutes);
  await app.register(servicePlansRoutes);
  await app.register(dispatchRoutes);
  await app.register(trackingRoutes);
  await app.register(liveUpdatesRoutes);
  await app.register(mapConfigRoutes);
  await app.register(frontEndsRoutes);

  await app.ready();
  return app;
}
