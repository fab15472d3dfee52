import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import { notificationsKey, notificationsPath, type NotificationAudience } from './get-notifications.js';

/** Marks one notification read (opening it does); the bell's count follows. */
export const markNotificationRead = (audience: NotificationAudience, notificationId: string) => api<unknown>('POST', `${notificationsPath(audience)}/${notificationId}/read`);

export function useMarkNotificationRead(audience: NotificationAudience) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (notificationIds: string[]) => Promise.all(notificationIds.map((id) => markNotificationRead(audience, id))),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationsKey(audience) }),
  });
}
