import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errors } from '../../lib/schemas.js';
import { actorOf, asStaff } from '../accounts/principal.js';
import { JobParams, StaffJob } from '../jobs/jobs.schemas.js';
import {
  AssignmentSuggestions,
  AutoAssignBody,
  CustomerParams,
  DispatchRulesBody,
  DispatchRulesView,
  PreferredTechnicianBody,
  PreferredTechnicianView,
  SuggestionsQuery,
} from './dispatch.schemas.js';

/** Routing rules: the admin's configuration, the dispatcher's ranked suggestions, auto-assignment, customers' preferred technicians. */
export const dispatchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { dispatch } = app.services;
  const tags = ['Dispatch'];

  app.get(
    '/api/dispatch/rules',
    { schema: { tags, summary: 'The dispatch rules: auto-assignment on/off and the rules in priority order (defaults until an admin saves them)', response: { 200: DispatchRulesView, ...errors(401, 403) } } },
    async (request) => dispatch.rulesView(asStaff(request.principal).companyId),
  );

  app.put(
    '/api/dispatch/rules',
    { schema: { tags, summary: 'Saves the dispatch rules: every rule once, in priority order, each on/off with its weight', body: DispatchRulesBody, response: { 200: DispatchRulesView, ...errors(400, 401, 403) } } },
    async (request) => {
      const admin = asStaff(request.principal);
      return dispatch.saveRules(admin.companyId, admin.userId, request.body);
    },
  );

  app.get(
    '/api/jobs/:jobId/assignment-suggestions',
    {
      schema: {
        tags,
        summary: "Technicians ranked by the dispatch rules for the job's visit — in the proposed window, else its current one, else the first one free — each with the reason",
        params: JobParams,
        querystring: SuggestionsQuery,
        response: { 200: AssignmentSuggestions, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => dispatch.suggestions(asStaff(request.principal).companyId, request.params.jobId, request.query),
  );

  app.post(
    '/api/jobs/:jobId/auto-assign',
    {
      schema: {
        tags,
        summary: 'Books a job without a visit by the dispatch rules: the window given, or the first one a technician who meets the rules can take; 409 NO_TECHNICIAN_AVAILABLE when nobody can',
        params: JobParams,
        body: AutoAssignBody,
        response: { 200: StaffJob, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const staff = asStaff(request.principal);
      return dispatch.autoAssign(actorOf(staff), staff.companyId, request.params.jobId, request.body);
    },
  );

  app.get(
    '/api/customers/:customerId/preferred-technician',
    { schema: { tags, summary: "The customer's preferred technician, whom the dispatch rules favour", params: CustomerParams, response: { 200: PreferredTechnicianView, ...errors(401, 403, 404) } } },
    async (request) => dispatch.preferredTechnician(asStaff(request.principal).companyId, request.params.customerId),
  );

  app.put(
    '/api/customers/:customerId/preferred-technician',
    {
      schema: { tags, summary: "Sets (or clears, with null) the customer's preferred technician", params: CustomerParams, body: PreferredTechnicianBody, response: { 200: PreferredTechnicianView, ...errors(400, 401, 403, 404) } },
    },
    async (request) => dispatch.setPreferredTechnician(asStaff(request.principal).companyId, request.params.customerId, request.body.technicianId),
  );
};
