import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { NotificationList } from '../../../lib/api-types.js';

/** Whose bell: a staff user's (console) or a signed-in customer's (portal). */
export type NotificationAudience = 'staff' | 'customer';

export const notificationsPath = (audience: NotificationAudience) => (audience === 'staff' ? '/api/notifications' : '/api/portal/notifications');

export const notificationsKey = (audience: NotificationAudience) => ['notifications', audience] as const;

/** The newest notifications and the unread count. */
export const notificationsQuery = (audience: NotificationAudience) =>
  queryOptions({
    queryKey: notificationsKey(audience),
    queryFn: () => api<NotificationList>('GET', `${notificationsPath(audience)}?limit=20`),
    // New ones arrive on the page's live stream; this is the safety net if a proxy holds it back.
    refetchInterval: 5 * 60_000,
  });

export const useNotifications = (audience: NotificationAudience) => useQuery(notificationsQuery(audience));
