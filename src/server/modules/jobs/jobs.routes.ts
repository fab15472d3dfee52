import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { decodeCursor, errors, Id } from '../../lib/schemas.js';
import { invalidField } from '../../lib/errors.js';
import { asStaff } from '../accounts/principal.js';
import { sendFile } from '../attachments/send-file.js';
import type { JobStatus } from './job-state-machine.js';
import type { Priority } from './jobs.table.js';
import {
  AddContactBody,
  CancelBody,
  CreateJobBody,
  CreateLinkBody,
  JobListItem,
  JobListQuery,
  JobParams,
  ReassignBody,
  RescheduleBody,
  ScheduleBody,
  StaffJob,
  StaffNoteBody,
  UpdateJobBody,
} from './jobs.schemas.js';

/** The dispatcher's side of the job's life. */
export const jobsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { jobs, sources, customers, accounts, attachments } = app.services;
  const tags = ['Jobs'];

  app.get(
    '/api/jobs',
    {
      schema: {
        tags,
        summary: 'Jobs, newest first, filtered by status, priority, technician, customer, date; cursor-paginated',
        querystring: JobListQuery,
        response: { 200: Type.Object({ items: Type.Array(JobListItem), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const { status, priority, cursor, ...rest } = request.query;
      const after = decodeCursor(cursor);
      if (cursor && !after) throw invalidField('cursor', 'is not a cursor this API gave out');
      return jobs.list(asStaff(request.principal).companyId, {
        ...rest,
        statuses: status ? (status.split(',') as JobStatus[]) : undefined,
        priorities: priority ? (priority.split(',') as Priority[]) : undefined,
        after,
      });
    },
  );

  app.post(
    '/api/jobs',
    { schema: { tags, summary: 'Creates a job by hand for any customer', body: CreateJobBody, response: { 201: StaffJob, ...errors(400, 401, 403, 404) } } },
    async (request, reply) => {
      const staff = asStaff(request.principal);
      const body = request.body;
      const customer = await customers.detail(staff.companyId, body.customerId).catch(() => undefined);
      if (!customer) throw invalidField('customerId', 'is not a customer of this company');
      const source = await sources.requireByKind(staff.companyId, 'company');
      const contactIds = body.contactIds ?? customer.contacts.slice(0, 1).map((c) => c.id);
      const job = await jobs.create(staff, {
        customerId: body.customerId,
        locationId: body.locationId,
        categoryId: body.categoryId,
        sourceId: source.id,
        priority: body.priority,
        description: body.description,
        contactIds,
        notificationsEnabled: body.notificationsEnabled ?? true,
        preferredWindows: body.preferredWindows ?? [],
      });
      return reply.status(201).send(job);
    },
  );

  app.get(
    '/api/jobs/:jobId',
    { schema: { tags, summary: 'A job with its visits, contacts and full timeline', params: JobParams, response: { 200: StaffJob, ...errors(401, 403, 404) } } },
    async (request) => jobs.staffView(asStaff(request.principal).companyId, request.params.jobId),
  );

  app.patch(
    '/api/jobs/:jobId',
    { schema: { tags, summary: 'Triage: priority, category, description, notifications on/off', params: JobParams, body: UpdateJobBody, response: { 200: StaffJob, ...errors(400, 401, 403, 404, 409) } } },
    async (request) => jobs.update(asStaff(request.principal), request.params.jobId, request.body),
  );

  app.post(
    '/api/jobs/:jobId/schedule',
    { schema: { tags, summary: 'Books the first visit: an arrival window and a technician (409 TECHNICIAN_BUSY if their other visits leave no room, unless allowOverlap)', params: JobParams, body: ScheduleBody, response: { 200: StaffJob, ...errors(400, 401, 403, 404, 409) } } },
    async (request) => jobs.schedule(asStaff(request.principal), request.params.jobId, request.body, { rejectOverlap: request.body.allowOverlap !== true }),
  );

  app.post(
    '/api/jobs/:jobId/reschedule',
    {
      schema: { tags, summary: 'Moves the visit to another window, or books the follow-up visit of a paused job', params: JobParams, body: RescheduleBody, response: { 200: StaffJob, ...errors(400, 401, 403, 404, 409) } },
    },
    async (request) => jobs.reschedule(asStaff(request.principal), request.params.jobId, request.body, { rejectOverlap: request.body.allowOverlap !== true }),
  );

  app.post(
    '/api/jobs/:jobId/reassign',
    { schema: { tags, summary: 'Gives the booked visit to another technician', params: JobParams, body: ReassignBody, response: { 200: StaffJob, ...errors(400, 401, 403, 404, 409) } } },
    async (request) => jobs.reassign(asStaff(request.principal), request.params.jobId, request.body, { rejectOverlap: request.body.allowOverlap !== true }),
  );

  app.post(
    '/api/jobs/:jobId/cancel',
    { schema: { tags, summary: 'Cancels the job with a reason the customer sees', params: JobParams, body: CancelBody, response: { 200: StaffJob, ...errors(400, 401, 403, 404, 409) } } },
    async (request) => jobs.cancel(asStaff(request.principal), request.params.jobId, request.body),
  );

  app.post(
    '/api/jobs/:jobId/notes',
    { schema: { tags, summary: 'Adds a note (internal, or visible to the customer) with photos or documents', params: JobParams, body: StaffNoteBody, response: { 200: StaffJob, ...errors(400, 401, 403, 404, 409) } } },
    async (request) => {
      const staff = asStaff(request.principal);
      await jobs.addNote(staff, request.params.jobId, request.body, { kind: 'user', id: staff.userId });
      return jobs.staffView(staff.companyId, request.params.jobId);
    },
  );

  app.post(
    '/api/jobs/:jobId/contacts',
    { schema: { tags, summary: "Adds one of the customer's contacts to the job, receiving its notifications or not", params: JobParams, body: AddContactBody, response: { 200: StaffJob, ...errors(400, 401, 403, 404) } } },
    async (request) => jobs.addContact(asStaff(request.principal), request.params.jobId, request.body),
  );

  app.post(
    '/api/jobs/:jobId/links',
    {
      schema: {
        tags,
        summary: 'Creates a job link for a contact on the job: it opens this job without a password while the job is open',
        params: JobParams,
        body: CreateLinkBody,
        response: { 201: Type.Object({ id: Id, url: Type.String({ format: 'uri' }) }), ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const staff = asStaff(request.principal);
      const link = await accounts.createJobLink(staff.companyId, request.params.jobId, request.body.contactId);
      return reply.status(201).send({ id: link.id, url: link.url });
    },
  );

  app.delete(
    '/api/jobs/:jobId/links/:linkId',
    { schema: { tags, summary: 'Revokes a job link', params: Type.Object({ jobId: Id, linkId: Id }), response: { 204: Type.Null(), ...errors(401, 403, 404) } } },
    async (request, reply) => {
      await accounts.revokeJobLink(asStaff(request.principal).companyId, request.params.jobId, request.params.linkId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/jobs/:jobId/attachments/:attachmentId',
    { schema: { tags, summary: "Downloads a job's photo or document", params: Type.Object({ jobId: Id, attachmentId: Id }), response: { ...errors(401, 403, 404) } } },
    async (request, reply) => {
      const staff = asStaff(request.principal);
      if (staff.role === 'technician') await jobs.requireTechnicianOnJob(staff.companyId, staff.userId, request.params.jobId);
      const { attachment, data } = await attachments.read(staff.companyId, request.params.jobId, request.params.attachmentId);
      return sendFile(reply, attachment, data);
    },
  );
};
