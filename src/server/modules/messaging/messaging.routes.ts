import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errors, Ok } from '../../lib/schemas.js';
import { asPortal, asStaff } from '../accounts/principal.js';
import { Inbox, InboxQuery, JobParams, Message, MessageBody, MessageThread } from './messaging.schemas.js';

/** A job's conversation: the customer's side under the portal's job routes (where a job link's cookie goes), the office's under /api/jobs. */
export const messagingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { messaging } = app.services;
  const tags = ['Messages'];

  // As on the portal's other job routes: personal details, never cached, never leaking a Referer.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/portal/')) {
      reply.header('Referrer-Policy', 'no-referrer');
      if (!reply.getHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
    }
  });

  app.get(
    '/api/portal/jobs/:jobId/messages',
    { schema: { tags, summary: "The job's conversation with the company, oldest first", params: JobParams, response: { 200: MessageThread, ...errors(400, 401, 403, 404) } } },
    async (request) => messaging.customerThread(asPortal(request.principal), request.params.jobId),
  );

  app.post(
    '/api/portal/jobs/:jobId/messages',
    {
      schema: {
        tags,
        summary: 'Writes to the company about this job; every dispatcher is notified (in the app and by e-mail)',
        params: JobParams,
        body: MessageBody,
        response: { 201: Message, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.status(201).send(await messaging.postFromCustomer(asPortal(request.principal), request.params.jobId, request.body.text)),
  );

  app.get(
    '/api/jobs/:jobId/messages',
    {
      schema: {
        tags,
        summary: "The job's conversation with the customer (a technician: jobs whose current visit is theirs)",
        params: JobParams,
        response: { 200: MessageThread, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => messaging.staffThread(asStaff(request.principal), request.params.jobId),
  );

  app.post(
    '/api/jobs/:jobId/messages',
    {
      schema: {
        tags,
        summary: "Replies to the customer; the job's contacts are notified through their channels, with a link to the job",
        params: JobParams,
        body: MessageBody,
        response: { 201: Message, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => reply.status(201).send(await messaging.postFromStaff(asStaff(request.principal), request.params.jobId, request.body.text)),
  );

  app.post(
    '/api/jobs/:jobId/messages/read',
    { schema: { tags, summary: 'Marks the conversation read for the office (it leaves the inbox\'s waiting group)', params: JobParams, response: { 200: Ok, ...errors(400, 401, 403, 404) } } },
    async (request) => messaging.markRead(asStaff(request.principal), request.params.jobId),
  );

  app.get(
    '/api/messages',
    {
      schema: {
        tags,
        summary: 'The inbox: conversations with customer messages waiting first, then the most recent',
        querystring: InboxQuery,
        response: { 200: Inbox, ...errors(400, 401, 403) },
      },
    },
    async (request) => messaging.inbox(asStaff(request.principal), request.query),
  );
};
