import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { decodeCursor, Defaulted, errors, Id, Nullable, Strict } from '../../lib/schemas.js';
import { invalidField } from '../../lib/errors.js';
import { asCustomer, asPortal } from '../accounts/principal.js';
import { sendFile } from '../attachments/send-file.js';
import { CancelByCustomerBody, CustomerJob, CustomerNoteBody, Me, MyJob, RescheduleByCustomerBody, ServiceRequestBody, ServiceRequestResult } from './portal.schemas.js';
import { BookingBody, CustomerAvailability, CustomerAvailabilityQuery, JobAvailabilityQuery } from '../scheduling/scheduling.schemas.js';

/** The customer's portal: their jobs, the job page, requests and notes. */
export const portalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { portal, attachments } = app.services;
  const tags = ['Portal'];

  // Job pages carry tokens in cookies and personal details in the body: never cache, never leak a Referer.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/portal/')) {
      reply.header('Referrer-Policy', 'no-referrer');
      if (!reply.getHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
    }
  });

  app.get('/api/portal/me', { schema: { tags, summary: 'The signed-in contact, their organisation, company and saved addresses', response: { 200: Me, ...errors(401, 403) } } }, async (request) =>
    portal.me(asCustomer(request.principal)),
  );

  app.get(
    '/api/portal/catalogue',
    {
      schema: {
        tags,
        summary: 'What can be requested, with the response time promised for each priority',
        response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Id, name: Type.String(), description: Nullable(Type.String()), slaMinutes: Type.Record(Type.String(), Type.Integer()) })) }), ...errors(401, 403) },
      },
    },
    async (request) => ({ items: await portal.catalogue(asCustomer(request.principal)) }),
  );

  app.get(
    '/api/portal/jobs',
    {
      schema: {
        tags,
        summary: "My jobs (an organisation admin: all the organisation's jobs), newest first",
        querystring: Type.Object({ open: Type.Optional(Type.Boolean()), cursor: Type.Optional(Type.String({ maxLength: 300 })), limit: Defaulted(Type.Integer({ minimum: 1, maximum: 100, default: 20 })) }, Strict),
        response: { 200: Type.Object({ items: Type.Array(MyJob), nextCursor: Nullable(Type.String()) }), ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const after = decodeCursor(request.query.cursor);
      if (request.query.cursor && !after) throw invalidField('cursor', 'is not a cursor this API gave out');
      return portal.myJobs(asCustomer(request.principal), { open: request.query.open, limit: request.query.limit, after });
    },
  );

  app.post(
    '/api/portal/requests',
    {
      schema: {
        tags,
        summary: 'Submits a service request, optionally booking one of the offered windows (409 SLOT_TAKEN with alternatives if it was just taken); answers with its reference number and next steps',
        body: ServiceRequestBody,
        response: { 201: ServiceRequestResult, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await portal.submitRequest(asCustomer(request.principal), request.body)),
  );

  app.get(
    '/api/portal/jobs/:jobId',
    { schema: { tags, summary: 'The job page: status, visit, technician, address, timeline', params: Type.Object({ jobId: Id }), response: { 200: CustomerJob, ...errors(401, 403, 404) } } },
    async (request) => portal.jobView(asPortal(request.principal), request.params.jobId),
  );

  app.post(
    '/api/portal/jobs/:jobId/notes',
    {
      schema: {
        tags,
        summary: 'Adds a note or photos for the team; every dispatcher is notified',
        params: Type.Object({ jobId: Id }),
        body: CustomerNoteBody,
        response: { 201: CustomerJob, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await portal.addNote(asPortal(request.principal), request.params.jobId, request.body)),
  );

  app.get(
    '/api/portal/jobs/:jobId/attachments/:attachmentId',
    { schema: { tags, summary: 'Downloads a photo or document shown on the job page', params: Type.Object({ jobId: Id, attachmentId: Id }), response: { ...errors(401, 403, 404) } } },
    async (request, reply) => {
      const principal = asPortal(request.principal);
      await portal.requireJobAccess(principal, request.params.jobId);
      const { attachment, data } = await attachments.read(principal.companyId, request.params.jobId, request.params.attachmentId);
      // Only files on entries the customer can see: internal notes' files stay internal.
      await portal.requireCustomerVisibleAttachment(principal, request.params.jobId, attachment.job_event_id);
      return sendFile(reply, attachment, data);
    },
  );

  // ---------------------------------------------------------------- self-scheduling (decision 010)

  app.get(
    '/api/portal/availability',
    {
      schema: {
        tags,
        summary: 'Arrival windows that can be booked for a new request (service, one of my addresses, days)',
        querystring: CustomerAvailabilityQuery,
        response: { 200: CustomerAvailability, ...errors(400, 401, 403) },
      },
    },
    async (request) => portal.availabilityForRequest(asCustomer(request.principal), request.query),
  );

  const JobParams = Type.Object({ jobId: Id });

  app.get(
    '/api/portal/jobs/:jobId/availability',
    {
      schema: { tags, summary: 'Arrival windows this job can be booked or moved to', params: JobParams, querystring: JobAvailabilityQuery, response: { 200: CustomerAvailability, ...errors(400, 401, 403, 404) } },
    },
    async (request) => portal.availabilityForJob(asPortal(request.principal), request.params.jobId, request.query),
  );

  // Under the job's path, where a job link's cookie is sent (plugins/auth.ts): customers who came
  // from a notification book, move and cancel without signing in.
  app.post(
    '/api/portal/jobs/:jobId/book',
    {
      schema: {
        tags,
        summary: 'Books an offered window for one of my jobs not scheduled yet (409 SLOT_TAKEN with fresh alternatives if it was just taken)',
        params: JobParams,
        body: BookingBody,
        response: { 200: CustomerJob, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => portal.bookJob(asPortal(request.principal), request.params.jobId, request.body),
  );

  app.post(
    '/api/portal/jobs/:jobId/reschedule',
    {
      schema: {
        tags,
        summary: "Moves my job's visit to another offered window, until the reschedule cut-off (409 RESCHEDULE_CUTOFF_PASSED after it; 409 SLOT_TAKEN with alternatives)",
        params: JobParams,
        body: RescheduleByCustomerBody,
        response: { 200: CustomerJob, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => portal.rescheduleJob(asPortal(request.principal), request.params.jobId, request.body),
  );

  app.post(
    '/api/portal/jobs/:jobId/cancel',
    {
      schema: {
        tags,
        summary: 'Cancels my job, until the cancellation cut-off when a visit is booked (409 CANCEL_CUTOFF_PASSED after it)',
        params: JobParams,
        body: CancelByCustomerBody,
        response: { 200: CustomerJob, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => portal.cancelJob(asPortal(request.principal), request.params.jobId, request.body),
  );
};
