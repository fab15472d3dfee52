import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errors } from '../../lib/schemas.js';
import { asStaff } from '../accounts/principal.js';
import { ApplyBody, ApplyResult, PreviewBody, RoutePlanView } from './route-optimisation.schemas.js';

/** "Optimise day" on the dispatch board: preview the day's optimised routes, then apply them (docs/route-optimisation.md). */
export const routeOptimisationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { routeOptimisation } = app.services;
  const tags = ['Route optimisation'];

  app.post(
    '/api/route-optimisation/preview',
    {
      schema: {
        tags,
        summary: "Proposes each technician's route for a day — fewest technicians, then least travel, every window, working hour and skill respected — with travel before and after; nothing changes until it is applied",
        body: PreviewBody,
        response: { 200: RoutePlanView, ...errors(400, 401, 403) },
      },
    },
    async (request) => routeOptimisation.preview(asStaff(request.principal), request.body),
  );

  app.post(
    '/api/route-optimisation/apply',
    {
      schema: {
        tags,
        summary: 'Applies a previewed plan in one transaction: reassigns visits, moves windows if the plan does, stores planned arrivals and notifies the customers concerned; 409 PLAN_OUT_OF_DATE when the day changed since the preview',
        body: ApplyBody,
        response: { 200: ApplyResult, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => routeOptimisation.apply(asStaff(request.principal), request.body),
  );
};
