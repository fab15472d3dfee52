import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errors } from '../../lib/schemas.js';
import { asCustomer, asStaff } from '../accounts/principal.js';
import type { ServicePlanStatus } from './service-plans.table.js';
import { CreatePlanBody, FrequencyBody, PlanListQuery, PlanParams, ReasonBody, ServicePlan, ServicePlanList, SkipBody, UpdatePlanBody } from './service-plans.schemas.js';

/**
 * Recurring service plans: the console manages them, the portal shows a customer theirs and lets
 * them change the frequency, skip a visit, suspend and resume. The service finds the plan within the
 * caller's company, and for a customer within their own plans (404 otherwise).
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

  app.patch(
    '/api/service-plans/:planId',
    { schema: { tags, summary: 'Edits a plan; a new rule cancels the generated visits ahead that no longer match and generates the new ones', params: PlanParams, body: UpdatePlanBody, response: planAnswer } },
    async (request) => servicePlans.update(asStaff(request.principal), { ...request.body, planId: request.params.planId }),
  );

  app.post(
    '/api/service-plans/:planId/frequency',
    { schema: { tags, summary: 'Changes the frequency (any every-N weeks, months or years)', params: PlanParams, body: FrequencyBody, response: planAnswer } },
    async (request) => servicePlans.changeFrequency(asStaff(request.principal), { ...request.body, planId: request.params.planId }),
  );

  app.post(
    '/api/service-plans/:planId/skip',
    { schema: { tags, summary: 'Skips one upcoming visit: its job is cancelled with the reason, and the date is never generated again', params: PlanParams, body: SkipBody, response: planAnswer } },
    async (request) => servicePlans.skip(asStaff(request.principal), { ...request.body, planId: request.params.planId }),
  );

  app.post(
    '/api/service-plans/:planId/suspend',
    { schema: { tags, summary: 'Suspends a plan: visits ahead that have not begun are cancelled, nothing more is generated', params: PlanParams, body: ReasonBody, response: planAnswer } },
    async (request) => servicePlans.suspend(asStaff(request.principal), { ...request.body, planId: request.params.planId }),
  );

  app.post(
    '/api/service-plans/:planId/resume',
    { schema: { tags, summary: 'Resumes a suspended plan; visits are generated again from today', params: PlanParams, response: planAnswer } },
    async (request) => servicePlans.resume(asStaff(request.principal), { planId: request.params.planId }),
  );

  app.post(
    '/api/service-plans/:planId/end',
    { schema: { tags, summary: 'Ends a plan for good; visits ahead that have not begun are cancelled', params: PlanParams, body: ReasonBody, response: planAnswer } },
    async (request) => servicePlans.end(asStaff(request.principal), { ...request.body, planId: request.params.planId }),
  );

  // ---------------------------------------------------------------- portal

  app.get(
    '/api/portal/service-plans',
    { schema: { tags, summary: 'My service plans with their upcoming visits, and the frequencies I may choose', response: { 200: ServicePlanList, ...errors(401, 403) } } },
    async (request) => servicePlans.listForCustomer(asCustomer(request.principal)),
  );

  app.post(
    '/api/portal/service-plans/:planId/frequency',
    { schema: { tags, summary: 'Changes how often my plan repeats (one of the offered frequencies)', params: PlanParams, body: FrequencyBody, response: planAnswer } },
    async (request) => servicePlans.changeFrequency(asCustomer(request.principal), { ...request.body, planId: request.params.planId }),
  );

  app.post(
    '/api/portal/service-plans/:planId/skip',
    { schema: { tags, summary: 'Skips one upcoming visit of my plan (until the cancellation cut-off)', params: PlanParams, body: SkipBody, response: planAnswer } },
    async (request) => servicePlans.skip(asCustomer(request.principal), { ...request.body, planId: request.params.planId }),
  );

  app.post(
    '/api/portal/service-plans/:planId/suspend',
    { schema: { tags, summary: 'Suspends my plan', params: PlanParams, body: ReasonBody, response: planAnswer } },
    async (request) => servicePlans.suspend(asCustomer(request.principal), { ...request.body, planId: request.params.planId }),
  );

  app.post(
    '/api/portal/service-plans/:planId/resume',
    { schema: { tags, summary: 'Resumes my plan', params: PlanParams, response: planAnswer } },
    async (request) => servicePlans.resume(asCustomer(request.principal), { planId: request.params.planId }),
  );
};
