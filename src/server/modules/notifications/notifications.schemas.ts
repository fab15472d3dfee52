import { Type } from 'typebox';
import { DateTime, Id, Nullable } from '../../lib/schemas.js';

/** One entry of a notification centre (the bell), for a staff user or a signed-in customer. */
export const Notification = Type.Object({ id: Id, type: Type.String(), jobId: Nullable(Id), title: Type.String(), body: Type.String(), readAt: Nullable(DateTime), createdAt: DateTime });
export const NotificationList = Type.Object({ unreadCount: Type.Integer(), items: Type.Array(Notification) });
