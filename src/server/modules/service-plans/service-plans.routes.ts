import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errors } from '../../lib/schemas.js';
import { asCustomer, asStaff } from '../accounts/principal.js';
import type { ServicePlanStatus } from './service-plans.table.js';
import { CreatePlanBody, EndBody, FrequencyBody, PlanIdBody, PlanListQuery, ServicePlan, ServicePlanList, SkipBody, SuspendBody, UpdatePlanBody } from './service-plans.schemas.js';

/**
 * Recurring service plans: the console manages them, the portal shows a customer theirs and lets
 * them change the frequency, skip a visit, suspend and resume. The plan travels in the body (as the
 * portal's bookings do, decision 010): the route sweeps know only their own path parameters.
 */
export const servicePlansRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { servicePlans } = app.services;
  const tags = ['Service plans'];
  const planAnswer = { 200: ServicePlan, ...errors(400, 401, 403, 404, 409) };

  // As for every portal answer (portal.routes.ts): personal details, never cached, no Referer.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/portal/')) {
      reply.header('Referrer-Policy', 'no-referrer');
      if (!reply.getHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
    }
  });

  // ---------------------------------------------------------------- console

  app.get(
    '/api/service-plans',
    { schema: { tags, summary: "The company's service plans (or one customer's), each with its upcoming visits", querystring: PlanListQuery, response: { 200: ServicePlanList, ...errors(400, 401, 403) } } },
    async (request) =>
      servicePlans.list(asStaff(request.principal).companyId, {
        ...(request.query.customerId && { customerId: request.query.customerId }),
        ...(request.query.status && { statuses: request.query.status.split(',') as ServicePlanStatus[] }),
      }),
  );

  app.post(
    '/api/service-plans',
    { schema: { tags, summary: 'Creates a plan for a customer; its first visits are generated and booked at once', body: CreatePlanBody, response: { 201: ServicePlan, ...errors(400, 401, 403) } } },
    async (request, reply) => reply.status(201).send(await servicePlans.create(asStaff(request.principal), request.body)),
  );

  app.post(
    '/api/service-plans/update',
    { schema: { tags, summary: 'Edits a plan; a new rule cancels the generated visits ahead that no longer match and generates the new ones', body: UpdatePlanBody, response: planAnswer } },
    async (request) => servicePlans.update(asStaff(request.principal), request.body),
  );

  app.post(
    '/api/service-plans/frequency',
    { schema: { tags, summary: 'Changes the frequency (any every-N weeks, months or years)', body: FrequencyBody, response: planAnswer } },
    async (request) => servicePlans.changeFrequency(asStaff(request.principal), request.body),
  );

  app.post(
    '/api/service-plans/skip',
    { schema: { tags, summary: 'Skips one upcoming visit: its job is cancelled with the reason, and the date is never generated again', body: SkipBody, response: planAnswer } },
    async (request) => servicePlans.skip(asStaff(request.principal), request.body),
  );

  app.post(
    '/api/service-plans/suspend',
    { schema: { tags, summary: 'Suspends a plan: visits ahead that have not begun are cancelled, nothing more is generated', body: SuspendBody, response: planAnswer } },
    async (request) => servicePlans.suspend(asStaff(request.principal), request.body),
  );

  app.post(
    '/api/service-plans/resume',
    { schema: { tags, summary: 'Resumes a suspended plan; visits are generated again from today', body: PlanIdBody, response: planAnswer } },
    async (request) => servicePlans.resume(asStaff(request.principal), request.body),
  );

  app.post(
    '/api/service-plans/end',
    { schema: { tags, summary: 'Ends a plan for good; visits ahead that have not begun are cancelled', body: EndBody, response: planAnswer } },
    async (request) => servicePlans.end(asStaff(request.principal), request.body),
  );

  // ---------------------------------------------------------------- portal

  app.get(
    '/api/portal/service-plans',
    { schema: { tags, summary: 'My service plans with their upcoming visits, and the frequencies I may choose', response: { 200: ServicePlanList, ...errors(401, 403) } } },
    async (request) => servicePlans.listForCustomer(asCustomer(request.principal)),
  );

  app.post(
    '/api/portal/service-plans/frequency',
    { schema: { tags, summary: 'Changes how often my plan repeats (one of the offered frequencies)', body: FrequencyBody, response: planAnswer } },
    async (request) => servicePlans.changeFrequency(asCustomer(request.principal), request.body),
  );

  app.post(
    '/api/portal/service-plans/skip',
    { schema: { tags, summary: 'Skips one upcoming visit of my plan (until the cancellation cut-off)', body: SkipBody, response: planAnswer } },
    async (request) => servicePlans.skip(asCustomer(request.principal), request.body),
  );

  app.post(
    '/api/portal/service-plans/suspend',
    { schema: { tags, summary: 'Suspends my plan', body: SuspendBody, response: planAnswer } },
    async (request) => servicePlans.suspend(asCustomer(request.principal), request.body),
  );

  app.post(
    '/api/portal/service-plans/resume',
    { schema: { tags, summary: 'Resumes my plan', body: PlanIdBody, response: planAnswer } },
    async (request) => servicePlans.resume(asCustomer(request.principal), request.body),
  );
};
