import type { Role } from './accounts/principal.js';

/**
 * Who may call what: every route Arrivo serves, and the roles that may call it.
 * plugins/auth.ts enforces it on every request; tests/api/access-table.test.ts checks every
 * registered route has an entry and exercises each entry with a role that may and one that may not.
 * Finer rules (which job, which appointment) live in the services and answer 404, never 403.
 */
const PUBLIC: readonly Role[] = ['anonymous'];
const STAFF_OFFICE: readonly Role[] = ['dispatcher', 'admin'];
const ALL_STAFF: readonly Role[] = ['technician', 'dispatcher', 'admin'];
const ADMIN: readonly Role[] = ['admin'];
const TECHNICIAN: readonly Role[] = ['technician'];
const SIGNED_IN_CUSTOMER: readonly Role[] = ['customer_member', 'customer_admin'];
const PORTAL_JOB: readonly Role[] = ['job_link', 'customer_member', 'customer_admin'];
const SIGNED_IN: readonly Role[] = ['customer_member', 'customer_admin', 'technician', 'dispatcher', 'admin'];
const INTEGRATION: readonly Role[] = ['integration'];

export const ACCESS_TABLE: Readonly<Record<string, readonly Role[]>> = {
  // Operations and documentation
  'GET /health': PUBLIC,
  'GET /api/openapi.json': PUBLIC,
  'GET /api/map-config': PUBLIC,

  // First run
  'GET /api/setup': PUBLIC,
  'POST /api/setup': PUBLIC,

  // Staff accounts
  'POST /api/auth/sign-in': PUBLIC,
  'POST /api/auth/sign-out': SIGNED_IN,
  'GET /api/auth/me': ALL_STAFF,
  'GET /api/users': STAFF_OFFICE,
  'POST /api/users': ADMIN,
  'PATCH /api/users/:userId': ADMIN,

  // Company settings
  'GET /api/company': ALL_STAFF,
  'PATCH /api/company': ADMIN,
  'GET /api/companies/:slug/branding': PUBLIC,
  'GET /api/branding': PUBLIC,

  // Technicians
  'GET /api/technicians': STAFF_OFFICE,
  'PATCH /api/technicians/:userId/profile': [...ADMIN, 'dispatcher', 'technician'],
  'POST /api/technicians/:userId/bio/approve': STAFF_OFFICE,
  'GET /api/technician/appointments': TECHNICIAN,
  'GET /api/technician/appointments/:appointmentId': TECHNICIAN,
  'POST /api/technician/appointments/:appointmentId/on-my-way': TECHNICIAN,
  'POST /api/technician/appointments/:appointmentId/start': TECHNICIAN,
  'POST /api/technician/appointments/:appointmentId/pause': TECHNICIAN,
  'POST /api/technician/appointments/:appointmentId/resume': TECHNICIAN,
  'POST /api/technician/appointments/:appointmentId/complete': TECHNICIAN,

  // Live tracking: the technician's device while en route, the console's map
  'POST /api/technician/location': TECHNICIAN,
  'GET /api/tracking/technicians': STAFF_OFFICE,

  // Self-scheduling: configuration and the availability board (decision 010)
  'GET /api/availability': STAFF_OFFICE,
  // Route optimisation, "Optimise day" (decision 009, docs/route-optimisation.md)
  'POST /api/route-optimisation/preview': STAFF_OFFICE,
  'POST /api/route-optimisation/apply': STAFF_OFFICE,
  'GET /api/booking-policy': STAFF_OFFICE,
  'PATCH /api/booking-policy': ADMIN,
  'GET /api/technicians/:userId/working-hours': STAFF_OFFICE,
  'PUT /api/technicians/:userId/working-hours': STAFF_OFFICE,
  'GET /api/technicians/:userId/time-off': STAFF_OFFICE,
  'POST /api/technicians/:userId/time-off': STAFF_OFFICE,
  'DELETE /api/technicians/:userId/time-off': STAFF_OFFICE,
  'PUT /api/technicians/:userId/territories': STAFF_OFFICE,
  'GET /api/territories': STAFF_OFFICE,
  'PUT /api/territories': ADMIN,

  // Dispatch rules: configuration, ranked suggestions with reasons, auto-assignment (docs/dispatch-rules.md)
  'GET /api/dispatch/rules': STAFF_OFFICE,
  'PUT /api/dispatch/rules': ADMIN,
  'GET /api/jobs/:jobId/assignment-suggestions': STAFF_OFFICE,
  'POST /api/jobs/:jobId/auto-assign': STAFF_OFFICE,
  'GET /api/customers/:customerId/preferred-technician': STAFF_OFFICE,
  'PUT /api/customers/:customerId/preferred-technician': STAFF_OFFICE,

  // Customers
  'GET /api/customers': STAFF_OFFICE,
  'POST /api/customers': STAFF_OFFICE,
  'GET /api/customers/:customerId': STAFF_OFFICE,
  'POST /api/customers/:customerId/contacts': STAFF_OFFICE,
  'POST /api/customers/:customerId/locations': STAFF_OFFICE,

  // Catalogue and sources
  'GET /api/service-categories': STAFF_OFFICE,
  'POST /api/service-categories': ADMIN,
  'PATCH /api/service-categories/:categoryId': ADMIN,
  'GET /api/job-sources': STAFF_OFFICE,
  'POST /api/job-sources': ADMIN,
  'PATCH /api/job-sources/:sourceId': ADMIN,
  'POST /api/job-sources/:sourceId/api-keys': ADMIN,
  'DELETE /api/job-sources/:sourceId/api-keys/:apiKeyId': ADMIN,

  // Jobs in the console
  'GET /api/jobs': STAFF_OFFICE,
  'POST /api/jobs': STAFF_OFFICE,
  'GET /api/jobs/:jobId': STAFF_OFFICE,
  'PATCH /api/jobs/:jobId': STAFF_OFFICE,
  'POST /api/jobs/:jobId/schedule': STAFF_OFFICE,
  'POST /api/jobs/:jobId/reschedule': STAFF_OFFICE,
  'POST /api/jobs/:jobId/reassign': STAFF_OFFICE,
  'POST /api/jobs/:jobId/cancel': STAFF_OFFICE,
  'POST /api/jobs/:jobId/notes': STAFF_OFFICE,
  'POST /api/jobs/:jobId/contacts': STAFF_OFFICE,
  'POST /api/jobs/:jobId/links': STAFF_OFFICE,
  'DELETE /api/jobs/:jobId/links/:linkId': STAFF_OFFICE,
  'GET /api/jobs/:jobId/attachments/:attachmentId': ALL_STAFF,

  // Uploads (pending until a request, note or completion claims them)
  'POST /api/uploads': ALL_STAFF,
  'POST /api/portal/uploads': SIGNED_IN_CUSTOMER,
  'POST /api/portal/jobs/:jobId/uploads': PORTAL_JOB,

  // Notifications: the staff bell, templates, the outbox, SMS replies, unsubscribing
  'GET /api/notifications': ALL_STAFF,
  'POST /api/notifications/:notificationId/read': ALL_STAFF,
  'GET /api/notification-templates': ADMIN,
  'PUT /api/notification-templates/:template/:locale': ADMIN,
  'DELETE /api/notification-templates/:template/:locale': ADMIN,
  'POST /api/notification-templates/:template/:locale/preview': ADMIN,
  'GET /api/notification-outbox': ADMIN,
  'POST /api/notification-outbox/:messageId/retry': ADMIN,
  'GET /api/dev/mailbox': STAFF_OFFICE,
  'POST /api/sms/inbound': PUBLIC,
  'POST /api/notifications/unsubscribe': PUBLIC,

  // Customer portal
  'POST /api/portal/sign-in-links': PUBLIC,
  'POST /api/portal/sign-in': PUBLIC,
  'POST /api/portal/job-links/redeem': PUBLIC,
  'GET /api/portal/me': SIGNED_IN_CUSTOMER,
  'GET /api/portal/preferences': SIGNED_IN_CUSTOMER,
  'PATCH /api/portal/preferences': SIGNED_IN_CUSTOMER,
  'GET /api/portal/notifications': SIGNED_IN_CUSTOMER,
  'POST /api/portal/notifications/:notificationId/read': SIGNED_IN_CUSTOMER,
  'GET /api/portal/catalogue': SIGNED_IN_CUSTOMER,
  'GET /api/portal/jobs': SIGNED_IN_CUSTOMER,
  'POST /api/portal/requests': SIGNED_IN_CUSTOMER,
  'GET /api/portal/jobs/:jobId': PORTAL_JOB,
  'POST /api/portal/jobs/:jobId/notes': PORTAL_JOB,
  'GET /api/portal/jobs/:jobId/attachments/:attachmentId': PORTAL_JOB,
  'GET /api/portal/availability': SIGNED_IN_CUSTOMER,
  'GET /api/portal/jobs/:jobId/availability': PORTAL_JOB,
  'POST /api/portal/jobs/:jobId/book': PORTAL_JOB,
  'POST /api/portal/jobs/:jobId/reschedule': PORTAL_JOB,
  'POST /api/portal/jobs/:jobId/cancel': PORTAL_JOB,

  // Messages between a job's customer and the company (docs/messages-and-surveys.md)
  'GET /api/portal/jobs/:jobId/messages': PORTAL_JOB,
  'POST /api/portal/jobs/:jobId/messages': PORTAL_JOB,
  'GET /api/jobs/:jobId/messages': ALL_STAFF,
  'POST /api/jobs/:jobId/messages': ALL_STAFF,
  'POST /api/jobs/:jobId/messages/read': STAFF_OFFICE,
  'GET /api/messages': STAFF_OFFICE,

  // Satisfaction survey of completed jobs
  'GET /api/portal/jobs/:jobId/survey': PORTAL_JOB,
  'PUT /api/portal/jobs/:jobId/survey': PORTAL_JOB,
  'GET /api/jobs/:jobId/survey': STAFF_OFFICE,
  'GET /api/surveys': STAFF_OFFICE,

  // Estimates and invoices (docs/billing.md)
  'GET /api/billing/settings': STAFF_OFFICE,
  'PATCH /api/billing/settings': ADMIN,
  'GET /api/billing/documents': STAFF_OFFICE,
  'POST /api/billing/documents': STAFF_OFFICE,
  'GET /api/billing/documents/:documentId': STAFF_OFFICE,
  'PATCH /api/billing/documents/:documentId': STAFF_OFFICE,
  'POST /api/billing/documents/:documentId/share': STAFF_OFFICE,
  'POST /api/billing/documents/:documentId/issue': STAFF_OFFICE,
  'POST /api/billing/documents/:documentId/void': STAFF_OFFICE,
  'POST /api/billing/documents/:documentId/convert': STAFF_OFFICE,
  'GET /api/billing/documents/:documentId/pdf': STAFF_OFFICE,
  'GET /api/portal/jobs/:jobId/documents': PORTAL_JOB,
  'GET /api/portal/jobs/:jobId/documents/:documentId': PORTAL_JOB,
  'POST /api/portal/jobs/:jobId/documents/:documentId/approve': PORTAL_JOB,
  'POST /api/portal/jobs/:jobId/documents/:documentId/decline': PORTAL_JOB,
  'GET /api/portal/jobs/:jobId/documents/:documentId/pdf': PORTAL_JOB,

  // Live updates (Server-Sent Events, decision 008)
  'GET /api/events': STAFF_OFFICE,
  'GET /api/technician/events': TECHNICIAN,
  'GET /api/portal/jobs/:jobId/events': PORTAL_JOB,
  'GET /api/portal/events': SIGNED_IN_CUSTOMER,

  // Recurring service plans (docs/service-plans.md)
  'GET /api/service-plans': STAFF_OFFICE,
  'POST /api/service-plans': STAFF_OFFICE,
  'PATCH /api/service-plans/:planId': STAFF_OFFICE,
  'POST /api/service-plans/:planId/frequency': STAFF_OFFICE,
  'POST /api/service-plans/:planId/skip': STAFF_OFFICE,
  'POST /api/service-plans/:planId/suspend': STAFF_OFFICE,
  'POST /api/service-plans/:planId/resume': STAFF_OFFICE,
  'POST /api/service-plans/:planId/end': STAFF_OFFICE,
  'GET /api/portal/service-plans': SIGNED_IN_CUSTOMER,
  'POST /api/portal/service-plans/:planId/frequency': SIGNED_IN_CUSTOMER,
  'POST /api/portal/service-plans/:planId/skip': SIGNED_IN_CUSTOMER,
  'POST /api/portal/service-plans/:planId/suspend': SIGNED_IN_CUSTOMER,
  'POST /api/portal/service-plans/:planId/resume': SIGNED_IN_CUSTOMER,

  // Payments (docs/payments.md): paying an invoice, receipts, the Billing page, staff payments and refunds, exports
  'GET /api/portal/jobs/:jobId/documents/:documentId/payments': PORTAL_JOB,
  'POST /api/portal/jobs/:jobId/documents/:documentId/payments': PORTAL_JOB,
  'GET /api/portal/jobs/:jobId/payments/:paymentId': PORTAL_JOB,
  'GET /api/portal/jobs/:jobId/payments/:paymentId/receipt.pdf': PORTAL_JOB,
  'GET /api/portal/billing': SIGNED_IN_CUSTOMER,
  'DELETE /api/portal/billing/payment-methods/:paymentMethodId': SIGNED_IN_CUSTOMER,
  'PUT /api/portal/billing/autopay': SIGNED_IN_CUSTOMER,
  'GET /api/payments/invoices': STAFF_OFFICE,
  'GET /api/payments': STAFF_OFFICE,
  'POST /api/payments/invoices/:documentId/payments': STAFF_OFFICE,
  'POST /api/payments/:paymentId/refunds': STAFF_OFFICE,
  'GET /api/payments/:paymentId/receipt.pdf': STAFF_OFFICE,
  'GET /api/payments/export/invoices.csv': STAFF_OFFICE,
  'GET /api/payments/export/payments.csv': STAFF_OFFICE,
  'GET /api/payments/settings': STAFF_OFFICE,
  'PATCH /api/payments/settings': ADMIN,
  'POST /api/payments/webhooks/stripe': PUBLIC,

  // Third-party job sources
  'POST /api/intake/jobs': INTEGRATION,
  'GET /api/intake/jobs/:jobId': INTEGRATION,
};

/** The docs UI, its static files and the small HTML pages carry no data and need no entry. */
export const isAccessControlled = (url: string) => (url === '/health' || url.startsWith('/api/')) && !url.startsWith('/api/docs');

export const routeKey = (method: string, url: string) => `${method.toUpperCase()} ${url}`;
