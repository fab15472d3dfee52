import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DateTime, Defaulted, errors, Id, Nullable, Ok, Strict } from '../../lib/schemas.js';
import { notFound } from '../../lib/errors.js';
import { asCustomer, asStaff } from '../accounts/principal.js';
import { NotificationList } from './notifications.schemas.js';

const ListQuery = Type.Object({ unread: Type.Optional(Type.Boolean()), limit: Defaulted(Type.Integer({ minimum: 1, maximum: 100, default: 30 })) }, Strict);
const OutboxStatus = Type.Enum(['pending', 'sent', 'parked', 'skipped']);
const OutboxMessage = Type.Object({
  id: Id,
  eventKey: Type.String(),
  recipient: Type.Object({ kind: Type.Enum(['user', 'contact']), id: Id, name: Nullable(Type.String()) }),
  channel: Type.Enum(['email', 'sms', 'in_app']),
  template: Type.String(),
  jobId: Nullable(Id),
  status: OutboxStatus,
  attempts: Type.Integer(),
  nextAttemptAt: DateTime,
  lastError: Nullable(Type.String()),
  sentAt: Nullable(DateTime),
  createdAt: DateTime,
});
const Clock = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', examples: ['21:00'] });
const Preferences = Type.Object({
  email: Type.Boolean(),
  sms: Type.Boolean(),
  quietHours: Nullable(Type.Object({ start: Clock, end: Clock })),
  smsOptedOut: Type.Boolean({ description: 'The contact replied STOP; only texting START turns SMS back on' }),
  emailUnsubscribed: Type.Boolean(),
  language: Type.String(),
});

/** The notification centres (staff and customers), preferences, unsubscribing, and the delivery queue for admins. */
export const notificationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { notifications, notificationPreferences, devMailbox } = app.services;
  const tags = ['Notifications'];

  app.get(
    '/api/notifications',
    { schema: { tags, summary: 'My in-app notifications (staff), newest first, with the unread count', querystring: ListQuery, response: { 200: NotificationList, ...errors(400, 401, 403) } } },
    async (request) => {
      const staff = asStaff(request.principal);
      return notifications.list(staff.companyId, { kind: 'user', id: staff.userId }, { unreadOnly: request.query.unread ?? false, limit: request.query.limit });
    },
  );

  app.post(
    '/api/notifications/:notificationId/read',
    { schema: { tags, summary: 'Marks one of my notifications read', params: Type.Object({ notificationId: Id }), response: { 200: Ok, ...errors(401, 403, 404) } } },
    async (request) => {
      const staff = asStaff(request.principal);
      await notifications.markRead(staff.companyId, { kind: 'user', id: staff.userId }, request.params.notificationId);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/portal/notifications',
    { schema: { tags, summary: "The signed-in customer's notifications, newest first, with the unread count", querystring: ListQuery, response: { 200: NotificationList, ...errors(400, 401, 403) } } },
    async (request) => {
      const customer = asCustomer(request.principal);
      return notifications.list(customer.companyId, { kind: 'contact', id: customer.contactId }, { unreadOnly: request.query.unread ?? false, limit: request.query.limit });
    },
  );

  app.post(
    '/api/portal/notifications/:notificationId/read',
    { schema: { tags, summary: 'Marks one of my notifications read', params: Type.Object({ notificationId: Id }), response: { 200: Ok, ...errors(401, 403, 404) } } },
    async (request) => {
      const customer = asCustomer(request.principal);
      await notifications.markRead(customer.companyId, { kind: 'contact', id: customer.contactId }, request.params.notificationId);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/portal/preferences',
    { schema: { tags, summary: 'How I am notified: e-mail, SMS, quiet hours, language', response: { 200: Preferences, ...errors(401, 403) } } },
    async (request) => {
      const customer = asCustomer(request.principal);
      return notificationPreferences.get(customer.companyId, customer.contactId);
    },
  );

  app.patch(
    '/api/portal/preferences',
    {
      schema: {
        tags,
        summary: 'Changes how I am notified. Quiet hours hold e-mail and SMS until they end (company time zone)',
        body: Type.Object(
          {
            email: Type.Optional(Type.Boolean()),
            sms: Type.Optional(Type.Boolean()),
            quietHours: Type.Optional(Nullable(Type.Object({ start: Clock, end: Clock }, Strict))),
            language: Type.Optional(Type.Enum(['en', 'es', 'fr'])),
          },
          Strict,
        ),
        response: { 200: Preferences, ...errors(400, 401, 403, 409) },
      },
    },
    async (request) => {
      const customer = asCustomer(request.principal);
      return notificationPreferences.update(customer.companyId, customer.contactId, request.body);
    },
  );

  app.post(
    '/api/notifications/unsubscribe',
    {
      config: { rateLimit: { max: 30, timeWindow: '15 minutes' } },
      schema: {
        tags,
        summary: "The unsubscribe link of an e-mail (its page POSTs the token): stops job e-mails to that contact",
        body: Type.Object({ token: Type.String({ minLength: 10, maxLength: 200 }) }, Strict),
        response: { 200: Type.Object({ companyName: Type.String() }), ...errors(400, 404, 429) },
      },
    },
    async (request) => notificationPreferences.unsubscribe(request.body.token),
  );

  app.get(
    '/api/notification-outbox',
    {
      schema: {
        tags,
        summary: 'E-mails and SMS planned and sent, with counts by status; parked ones failed every try and wait for an admin',
        querystring: Type.Object({ status: Type.Optional(OutboxStatus), limit: Defaulted(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) }, Strict),
        response: { 200: Type.Object({ counts: Type.Record(Type.String(), Type.Integer()), items: Type.Array(OutboxMessage) }), ...errors(400, 401, 403) },
      },
    },
    async (request) => notifications.outbox(asStaff(request.principal).companyId, request.query),
  );

  app.post(
    '/api/notification-outbox/:messageId/retry',
    { schema: { tags, summary: 'Sends a parked message again, with a fresh set of tries', params: Type.Object({ messageId: Id }), response: { 200: Ok, ...errors(401, 403, 404) } } },
    async (request) => {
      await notifications.retryParked(asStaff(request.principal).companyId, request.params.messageId);
      app.services.notificationWorker.wake();
      return { ok: true as const };
    },
  );

  app.get(
    '/api/dev/mailbox',
    {
      schema: {
        tags,
        summary: 'Without SMTP_URL / SMS_URL: the e-mails and SMS this instance would have sent, newest first (404 once a provider is set)',
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ id: Type.Integer(), channel: Type.Enum(['email', 'sms']), to: Type.String(), subject: Nullable(Type.String()), text: Type.String(), html: Nullable(Type.String()), at: DateTime })),
          }),
          ...errors(401, 403, 404),
        },
      },
    },
    async (request) => {
      asStaff(request.principal);
      if (app.config.smtpUrl && app.config.sms) throw notFound('DEV_MAILBOX_OFF', 'Mail and SMS go to real providers here.');
      return { items: [...devMailbox.list()] };
    },
  );
};
