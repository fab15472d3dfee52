import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { Attachment, errors, Id } from '../../lib/schemas.js';
import { invalidField } from '../../lib/errors.js';
import { asCustomer, asPortal, asStaff } from '../accounts/principal.js';
import type { Uploader } from './attachments.service.js';

const UploadDoc = {
  consumes: ['multipart/form-data'],
  description: 'multipart/form-data with one part named `file`: a photo (JPEG, PNG, WebP, HEIC, GIF) or a PDF, recognised by its content. Too large: 413; another type: 415.',
};

/**
 * Uploads come first, then the request, note or completion that uses them lists their ids. That
 * keeps every JSON body validated by its schema and lets the portal show previews while typing.
 */
export const attachmentsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { attachments, portal } = app.services;

  async function receive(request: FastifyRequest, companyId: string, uploader: Uploader) {
    if (!request.isMultipart()) throw invalidField('file', 'must be sent as multipart/form-data');
    const part = await request.file();
    if (!part || part.fieldname !== 'file') throw invalidField('file', 'is required');
    const data = await part.toBuffer();
    return attachments.upload(companyId, uploader, { fileName: part.filename, data });
  }

  app.post(
    '/api/uploads',
    { schema: { tags: ['Uploads'], summary: 'Uploads a photo or document for staff (e.g. completion photos)', ...UploadDoc, response: { 201: Attachment, ...errors(400, 401, 403, 413, 415) } } },
    async (request, reply) => {
      const staff = asStaff(request.principal);
      return reply.status(201).send(await receive(request, staff.companyId, { kind: 'user', id: staff.userId }));
    },
  );

  app.post(
    '/api/portal/uploads',
    { schema: { tags: ['Portal'], summary: 'Uploads a photo or document for a new service request', ...UploadDoc, response: { 201: Attachment, ...errors(400, 401, 403, 413, 415) } } },
    async (request, reply) => {
      const customer = asCustomer(request.principal);
      return reply.status(201).send(await receive(request, customer.companyId, { kind: 'contact', id: customer.contactId }));
    },
  );

  app.post(
    '/api/portal/jobs/:jobId/uploads',
    {
      schema: { tags: ['Portal'], summary: 'Uploads a photo or document for a note on this job', params: Type.Object({ jobId: Id }), ...UploadDoc, response: { 201: Attachment, ...errors(400, 401, 403, 404, 413, 415) } },
    },
    async (request, reply) => {
      const principal = asPortal(request.principal);
      await portal.requireJobAccess(principal, request.params.jobId);
      return reply.status(201).send(await receive(request, principal.companyId, { kind: 'contact', id: principal.contactId }));
    },
  );
};
