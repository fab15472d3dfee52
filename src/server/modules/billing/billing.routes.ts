import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { errors, Id } from '../../lib/schemas.js';
import { asPortal, asStaff } from '../accounts/principal.js';
import {
  ApproveBody,
  BillingSettings,
  BillingSettingsPatch,
  ConvertBody,
  CreateDocumentBody,
  CustomerDocument,
  DeclineBody,
  DocumentListQuery,
  DocumentParams,
  DocumentSummary,
  PortalDocumentParams,
  ShareBody,
  StaffDocument,
  UpdateDocumentBody,
} from './billing.schemas.js';

const PdfResponse = Type.String({ description: 'application/pdf', contentMediaType: 'application/pdf' });

function sendPdf(reply: FastifyReply, file: { fileName: string; pdf: Buffer }) {
  return reply
    .header('Content-Type', 'application/pdf')
    .header('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Cache-Control', 'private, no-store')
    .send(file.pdf);
}

/** Estimates and invoices: the console's side under /api/billing, the customer's under /api/portal/jobs/:jobId/documents. */
export const billingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { billing } = app.services;
  const tags = ['Billing'];

  app.get(
    '/api/billing/settings',
    { schema: { tags, summary: 'Billing settings: payments on/off and provider, default tax rate, invoice due days, what an approved estimate does, PDF footer', response: { 200: BillingSettings, ...errors(401, 403) } } },
    async (request) => billing.settings(asStaff(request.principal).companyId),
  );

  app.patch(
    '/api/billing/settings',
    { schema: { tags, summary: 'Changes the billing settings (admin)', body: BillingSettingsPatch, response: { 200: BillingSettings, ...errors(400, 401, 403) } } },
    async (request) => billing.updateSettings(asStaff(request.principal).companyId, request.body),
  );

  app.get(
    '/api/billing/documents',
    { schema: { tags, summary: 'Estimates and invoices, newest first, by job, customer, kind or status', querystring: DocumentListQuery, response: { 200: Type.Object({ items: Type.Array(DocumentSummary) }), ...errors(400, 401, 403) } } },
    async (request) => ({ items: await billing.list(asStaff(request.principal).companyId, request.query) }),
  );

  app.post(
    '/api/billing/documents',
    {
      schema: {
        tags,
        summary: 'Creates a draft estimate or invoice for a job, with lines or (estimates) options; shared: true shares and notifies at once',
        body: CreateDocumentBody,
        response: { 201: StaffDocument, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await billing.create(asStaff(request.principal), request.body)),
  );

  app.get(
    '/api/billing/documents/:documentId',
    { schema: { tags, summary: 'One estimate or invoice with its options, lines, totals and taxes', params: DocumentParams, response: { 200: StaffDocument, ...errors(401, 403, 404) } } },
    async (request) => billing.staffView(asStaff(request.principal).companyId, request.params.documentId),
  );

  app.patch(
    '/api/billing/documents/:documentId',
    {
      schema: {
        tags,
        summary: 'Edits a document while it is open to edits; lines or options replace the old ones; 409 VERSION_CONFLICT on a stale version',
        params: DocumentParams,
        body: UpdateDocumentBody,
        response: { 200: StaffDocument, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => billing.update(asStaff(request.principal), request.params.documentId, request.body),
  );

  app.post(
    '/api/billing/documents/:documentId/share',
    {
      schema: {
        tags,
        summary: 'The "share in portal" switch: on issues a draft and notifies the customer with a link; off hides it again (not once answered or paid)',
        params: DocumentParams,
        body: ShareBody,
        response: { 200: StaffDocument, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => billing.setShared(asStaff(request.principal), request.params.documentId, request.body),
  );

  app.post(
    '/api/billing/documents/:documentId/issue',
    { schema: { tags, summary: 'Issues a draft without sharing it (estimate → sent, invoice → open)', params: DocumentParams, response: { 200: StaffDocument, ...errors(400, 401, 403, 404, 409) } } },
    async (request) => billing.issue(asStaff(request.principal), request.params.documentId),
  );

  app.post(
    '/api/billing/documents/:documentId/void',
    { schema: { tags, summary: 'Voids a document (an invoice only without payments); its number stays used', params: DocumentParams, response: { 200: StaffDocument, ...errors(401, 403, 404, 409) } } },
    async (request) => billing.void(asStaff(request.principal), request.params.documentId),
  );

  app.post(
    '/api/billing/documents/:documentId/convert',
    {
      schema: {
        tags,
        summary: "Turns an estimate into a draft invoice with the chosen option's lines (optionId when the customer has not chosen)",
        params: DocumentParams,
        body: ConvertBody,
        response: { 201: StaffDocument, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await billing.convertToInvoice(asStaff(request.principal), request.params.documentId, request.body ?? {})),
  );

  app.get(
    '/api/billing/documents/:documentId/pdf',
    { schema: { tags, summary: 'The document as a branded PDF', params: DocumentParams, response: { 200: PdfResponse, ...errors(401, 403, 404) } } },
    async (request, reply) => sendPdf(reply, await billing.renderPdf(asStaff(request.principal).companyId, request.params.documentId)),
  );

  // ---------------------------------------------------------------- the customer's side

  app.get(
    '/api/portal/jobs/:jobId/documents',
    {
      schema: {
        tags,
        summary: "The job's estimates and invoices the company shared",
        params: Type.Object({ jobId: Id }),
        response: { 200: Type.Object({ items: Type.Array(DocumentSummary) }), ...errors(401, 403, 404) },
      },
    },
    async (request) => ({ items: await billing.listForCustomer(asPortal(request.principal), request.params.jobId) }),
  );

  app.get(
    '/api/portal/jobs/:jobId/documents/:documentId',
    { schema: { tags, summary: 'One shared estimate or invoice', params: PortalDocumentParams, response: { 200: CustomerDocument, ...errors(401, 403, 404) } } },
    async (request) => billing.customerView(asPortal(request.principal), request.params.jobId, request.params.documentId),
  );

  app.post(
    '/api/portal/jobs/:jobId/documents/:documentId/approve',
    {
      schema: {
        tags,
        summary: 'Approves a sent estimate: the option chosen (required when there are several) and the name typed as signature; 409 once answered',
        params: PortalDocumentParams,
        body: ApproveBody,
        response: { 200: CustomerDocument, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => billing.approve(asPortal(request.principal), request.params.jobId, request.params.documentId, request.body, request.ip),
  );

  app.post(
    '/api/portal/jobs/:jobId/documents/:documentId/decline',
    {
      schema: {
        tags,
        summary: 'Declines a sent estimate, optionally saying why; 409 once answered',
        params: PortalDocumentParams,
        body: DeclineBody,
        response: { 200: CustomerDocument, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => billing.decline(asPortal(request.principal), request.params.jobId, request.params.documentId, request.body ?? {}),
  );

  app.get(
    '/api/portal/jobs/:jobId/documents/:documentId/pdf',
    { schema: { tags, summary: 'A shared estimate or invoice as a PDF', params: PortalDocumentParams, response: { 200: PdfResponse, ...errors(401, 403, 404) } } },
    async (request, reply) => {
      const principal = asPortal(request.principal);
      await billing.requireCustomerDocument(principal, request.params.jobId, request.params.documentId);
      return sendPdf(reply, await billing.renderPdf(principal.companyId, request.params.documentId));
    },
  );
};
