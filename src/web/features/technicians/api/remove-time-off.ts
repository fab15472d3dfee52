import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, queryString } from '../../../lib/api-client.js';

/** DELETE /api/technicians/:userId/time-off?id=: removes one entry. */
export const removeTimeOff = (userId: string, id: string) => api<void>('DELETE', `/api/technicians/${userId}/time-off${queryString({ id })}`);

export function useRemoveTimeOff(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (id: string) => removeTimeOff(userId, id), onSuccess: () => queryClient.invalidateQueries({ queryKey: ['time-off', userId] }) });
}
