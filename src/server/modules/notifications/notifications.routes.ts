import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DateTime, Defaulted, errors, Id, Nullable, Ok, Strict } from '../../lib/schemas.js';
import { asStaff } from '../accounts/principal.js';

const Notification = Type.Object({ id: Id, type: Type.String(), jobId: Nullable(Id), title: Type.String(), body: Type.String(), readAt: Nullable(DateTime), createdAt: DateTime });

/** The staff notification centre (the bell). */
export const notificationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { notifications } = app.services;

  app.get(
    '/api/notifications',
    {
      schema: {
        tags: ['Notifications'],
        summary: 'My in-app notifications, newest first, with the unread count',
        querystring: Type.Object({ unread: Type.Optional(Type.Boolean()), limit: Defaulted(Type.Integer({ minimum: 1, maximum: 100, default: 30 })) }, Strict),
        response: { 200: Type.Object({ unreadCount: Type.Integer(), items: Type.Array(Notification) }), ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const staff = asStaff(request.principal);
      return notifications.list(staff.companyId, { kind: 'user', id: staff.userId }, { unreadOnly: request.query.unread ?? false, limit: request.query.limit });
    },
  );

  app.post(
    '/api/notifications/:notificationId/read',
    { schema: { tags: ['Notifications'], summary: 'Marks a notification read', params: Type.Object({ notificationId: Id }), response: { 200: Ok, ...errors(401, 403, 404) } } },
    async (request) => {
      const staff = asStaff(request.principal);
      await notifications.markRead(staff.companyId, { kind: 'user', id: staff.userId }, request.params.notificationId);
      return { ok: true as const };
    },
  );
};
