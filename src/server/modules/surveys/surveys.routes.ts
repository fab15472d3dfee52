import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errors } from '../../lib/schemas.js';
import { asPortal, asStaff } from '../accounts/principal.js';
import { SURVEY_EDIT_DAYS } from './surveys.service.js';
import { CustomerSurvey, Feedback, FeedbackQuery, JobParams, StaffSurvey, SurveyAnswerBody } from './surveys.schemas.js';

/** The satisfaction survey: answered in the portal (under the job's routes, where a job link's cookie goes), read in the console. */
export const surveysRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { surveys } = app.services;
  const tags = ['Surveys'];

  // As on the portal's other job routes: personal details, never cached, never leaking a Referer.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/portal/')) {
      reply.header('Referrer-Policy', 'no-referrer');
      if (!reply.getHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
    }
  });

  app.get(
    '/api/portal/jobs/:jobId/survey',
    { schema: { tags, summary: "The job's satisfaction survey: whether it is open, and the answer given", params: JobParams, response: { 200: CustomerSurvey, ...errors(400, 401, 403, 404) } } },
    async (request) => surveys.customerSurvey(asPortal(request.principal), request.params.jobId),
  );

  app.put(
    '/api/portal/jobs/:jobId/survey',
    {
      schema: {
        tags,
        summary: `Answers the survey, or changes the answer within ${SURVEY_EDIT_DAYS} days (409 JOB_NOT_COMPLETED before completion, SURVEY_CLOSED after)`,
        params: JobParams,
        body: SurveyAnswerBody,
        response: { 200: CustomerSurvey, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => surveys.answer(asPortal(request.principal), request.params.jobId, request.body),
  );

  app.get(
    '/api/jobs/:jobId/survey',
    { schema: { tags, summary: "The customer's answer to the job's survey, if any", params: JobParams, response: { 200: StaffSurvey, ...errors(400, 401, 403, 404) } } },
    async (request) => surveys.staffSurvey(asStaff(request.principal), request.params.jobId),
  );

  app.get(
    '/api/surveys',
    { schema: { tags, summary: 'Customer feedback: average rating, counts, and the answers (lowest first or newest first)', querystring: FeedbackQuery, response: { 200: Feedback, ...errors(400, 401, 403) } } },
    async (request) => surveys.feedback(asStaff(request.principal), request.query),
  );
};
