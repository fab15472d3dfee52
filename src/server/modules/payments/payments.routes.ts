import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { errors, Id, Ok } from '../../lib/schemas.js';
import { asCustomer, asPortal, asStaff } from '../accounts/principal.js';
import {
  AutopayBody,
  BillingOverview,
  ExportQuery,
  IdempotencyHeaders,
  InvoiceSummary,
  InvoicesListQuery,
  Payment,
  PaymentSettings,
  PaymentSettingsPatch,
  PaymentsListQuery,
  PayBody,
  PayOptions,
  RecordPaymentBody,
  RefundBody,
} from './payments.schemas.js';

const JobDocumentParams = Type.Object({ jobId: Id, documentId: Id });
const JobPaymentParams = Type.Object({ jobId: Id, paymentId: Id });
const PaymentParams = Type.Object({ paymentId: Id });
const DocumentParams = Type.Object({ documentId: Id });
const PdfResponse = Type.String({ description: 'application/pdf', contentMediaType: 'application/pdf' });
const CsvResponse = Type.String({ description: 'text/csv', contentMediaType: 'text/csv' });

function sendPdf(reply: FastifyReply, file: { fileName: string; pdf: Buffer }) {
  return reply
    .header('Content-Type', 'application/pdf')
    .header('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .header('X-Content-Type-Options', 'nosniff')
    .send(file.pdf);
}

/** Paying invoices (docs/payments.md): the portal's pay flow and Billing page, staff payments and refunds, exports, the Stripe webhook. */
export const paymentsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { payments } = app.services;
  const tags = ['Payments'];
  app.addSchema(InvoiceSummary);
  app.addSchema(Payment);

  // Payment pages carry personal details: never cache, never leak a Referer.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/portal/') || request.url.startsWith('/api/payments/')) {
      reply.header('Referrer-Policy', 'no-referrer');
      if (!reply.getHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
    }
  });

  // ------------------------------------------------------------ portal: one invoice (job links too)

  app.get(
    '/api/portal/jobs/:jobId/documents/:documentId/payments',
    { schema: { tags, summary: "An invoice's pay page: balance, how the company takes cards, saved cards, payments so far", params: JobDocumentParams, response: { 200: PayOptions, ...errors(401, 403, 404) } } },
    async (request) => payments.payOptions(asPortal(request.principal), request.params.jobId, request.params.documentId),
  );

  app.post(
    '/api/portal/jobs/:jobId/documents/:documentId/payments',
    {
      // Card testing (trying stolen numbers one after another) is what a public pay form attracts:
      // a person pays an invoice in a few tries, per address and invoice.
      config: { rateLimit: { max: 30, timeWindow: '10 minutes', keyGenerator: (request) => `${request.ip}:${(request.params as { documentId?: string }).documentId ?? ''}` } },
      schema: {
        tags,
        summary:
          'Pays an open invoice (the balance, or part of it when the company allows). Charged once: the same Idempotency-Key (header or body) answers the same attempt, and the invoice has one open attempt at a time. Offline provider: send the card; Stripe: follow redirectUrl, and the payment settles by webhook.',
        params: JobDocumentParams,
        headers: IdempotencyHeaders,
        body: PayBody,
        response: { 200: Type.Ref('Payment'), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const idempotencyKey = request.headers['idempotency-key'] ?? request.body.idempotencyKey;
      return payments.pay(asPortal(request.principal), request.params.jobId, request.params.documentId, { ...request.body, ...(idempotencyKey ? { idempotencyKey } : {}) });
    },
  );

  app.get(
    '/api/portal/jobs/:jobId/payments/:paymentId',
    { schema: { tags, summary: 'One payment (the pay page polls it until the provider settled it)', params: JobPaymentParams, response: { 200: Type.Ref('Payment'), ...errors(401, 403, 404) } } },
    async (request) => payments.portalPayment(asPortal(request.principal), request.params.jobId, request.params.paymentId),
  );

  app.get(
    '/api/portal/jobs/:jobId/payments/:paymentId/receipt.pdf',
    { schema: { tags, summary: 'The receipt of a payment, as a PDF', params: JobPaymentParams, produces: ['application/pdf'], response: { 200: PdfResponse, ...errors(401, 403, 404) } } },
    async (request, reply) => {
      const principal = asPortal(request.principal);
      await payments.requirePortalPayment(principal, request.params.jobId, request.params.paymentId);
      return sendPdf(reply, await payments.receiptPdf(principal.companyId, request.params.paymentId));
    },
  );

  // ------------------------------------------------------------ portal: the Billing page (signed in)

  app.get(
    '/api/portal/billing',
    { schema: { tags, summary: 'My Billing page: balance, open estimates, invoices, payment history, saved cards, auto-pay', response: { 200: BillingOverview, ...errors(401, 403) } } },
    async (request) => payments.billingOverview(asCustomer(request.principal)),
  );

  app.delete(
    '/api/portal/billing/payment-methods/:paymentMethodId',
    {
      schema: { tags, summary: 'Removes a saved card', params: Type.Object({ paymentMethodId: Type.String({ minLength: 1, maxLength: 200 }) }), response: { 200: Ok, ...errors(401, 403, 404) } },
    },
    async (request) => {
      const principal = asCustomer(request.principal);
      await payments.removeSavedCard(principal.companyId, principal.customerId, request.params.paymentMethodId);
      return { ok: true as const };
    },
  );

  app.put(
    '/api/portal/billing/autopay',
    { schema: { tags, summary: "Turns auto-pay of recurring-plan invoices on or off (charges the default saved card when such an invoice is issued)", body: AutopayBody, response: { 200: AutopayBody, ...errors(400, 401, 403, 409) } } },
    async (request) => payments.setAutopay(asCustomer(request.principal), request.body.enabled),
  );

  // ------------------------------------------------------------ staff

  app.get(
    '/api/payments/invoices',
    { schema: { tags, summary: 'Issued invoices with their balance (filter: open, paid, void, overdue)', querystring: InvoicesListQuery, response: { 200: Type.Object({ items: Type.Array(Type.Ref('InvoiceSummary')) }), ...errors(400, 401, 403) } } },
    async (request) => ({ items: await payments.listInvoices(asStaff(request.principal).companyId, { ...request.query, limit: request.query.limit ?? 100 }) }),
  );

  app.get(
    '/api/payments',
    { schema: { tags, summary: 'Payments, newest first (date range, status, invoice, customer)', querystring: PaymentsListQuery, response: { 200: Type.Object({ items: Type.Array(Type.Ref('Payment')) }), ...errors(400, 401, 403) } } },
    async (request) => ({ items: await payments.listPayments(asStaff(request.principal).companyId, { ...request.query, limit: request.query.limit ?? 100 }) }),
  );

  app.post(
    '/api/payments/invoices/:documentId/payments',
    {
      schema: {
        tags,
        summary: 'Records a payment received outside Arrivo (cash, check, bank transfer, card machine); partial allowed, never more than the balance',
        params: DocumentParams,
        body: RecordPaymentBody,
        response: { 201: Type.Ref('Payment'), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await payments.recordPayment(asStaff(request.principal), request.params.documentId, request.body)),
  );

  app.post(
    '/api/payments/:paymentId/refunds',
    {
      schema: {
        tags,
        summary: 'Refunds all or part of a payment: through the provider for card payments, recorded for the others; never more than was paid',
        params: PaymentParams,
        body: RefundBody,
        response: { 200: Type.Ref('Payment'), ...errors(400, 401, 403, 404, 409, 502) },
      },
    },
    async (request) => payments.refund(asStaff(request.principal), request.params.paymentId, request.body),
  );

  app.get(
    '/api/payments/:paymentId/receipt.pdf',
    { schema: { tags, summary: 'The receipt of a payment, as a PDF', params: PaymentParams, produces: ['application/pdf'], response: { 200: PdfResponse, ...errors(401, 403, 404) } } },
    async (request, reply) => {
      return sendPdf(reply, await payments.receiptPdf(asStaff(request.principal).companyId, request.params.paymentId));
    },
  );

  app.get(
    '/api/payments/export/invoices.csv',
    { schema: { tags, summary: 'Invoices as CSV (issued in the date range): amounts as decimals in the currency, with a currency column', querystring: ExportQuery, produces: ['text/csv'], response: { 200: CsvResponse, ...errors(400, 401, 403) } } },
    async (request, reply) => {
      const csv = await payments.exportInvoices(asStaff(request.principal).companyId, request.query);
      return reply.type('text/csv; charset=utf-8').header('Content-Disposition', 'attachment; filename="invoices.csv"').send(csv);
    },
  );

  app.get(
    '/api/payments/export/payments.csv',
    { schema: { tags, summary: 'Payments as CSV (made in the date range): amounts as decimals in the currency, with a currency column', querystring: ExportQuery, produces: ['text/csv'], response: { 200: CsvResponse, ...errors(400, 401, 403) } } },
    async (request, reply) => {
      const csv = await payments.exportPayments(asStaff(request.principal).companyId, request.query);
      return reply.type('text/csv; charset=utf-8').header('Content-Disposition', 'attachment; filename="payments.csv"').send(csv);
    },
  );

  app.get(
    '/api/payments/settings',
    { schema: { tags, summary: 'Payment settings: partial payments, overdue reminder days', response: { 200: PaymentSettings, ...errors(401, 403) } } },
    async (request) => ({ ...(await payments.settings(asStaff(request.principal).companyId)), stripeConfigured: Boolean(app.config.stripe) }),
  );

  app.patch(
    '/api/payments/settings',
    { schema: { tags, summary: 'Changes the payment settings', body: PaymentSettingsPatch, response: { 200: PaymentSettings, ...errors(400, 401, 403) } } },
    async (request) => payments.updateSettings(asStaff(request.principal).companyId, request.body),
  );

  // ------------------------------------------------------------ the Stripe webhook (public, signed)

  await app.register(async (webhooks) => {
    // The signature covers the exact bytes Stripe sent: this route alone keeps the body raw.
    webhooks.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    webhooks.post(
      '/api/payments/webhooks/stripe',
      {
        schema: {
          tags,
          summary: 'Stripe webhook endpoint: verified by its Stripe-Signature; each event processed once (a redelivery or an out-of-order event changes nothing)',
          headers: Type.Object({ 'stripe-signature': Type.Optional(Type.String()) }),
          response: { 200: Type.Object({ received: Type.Boolean(), duplicate: Type.Boolean() }), ...errors(400, 404) },
        },
      },
      async (request) => {
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.from(JSON.stringify(request.body ?? ''));
        const signature = request.headers['stripe-signature'];
        const result = await payments.handleStripeWebhook(raw, Array.isArray(signature) ? signature[0] : signature);
        return { received: true, duplicate: result.duplicate };
      },
    );
  });
};
