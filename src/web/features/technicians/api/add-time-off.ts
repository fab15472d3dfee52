import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Static } from 'typebox';
import { api } from '../../../lib/api-client.js';
import type { TimeOffBody } from '../../../../server/modules/scheduling/scheduling.schemas.js';
import type { TimeOff } from './get-time-off.js';

export type TimeOffInput = Static<typeof TimeOffBody>;

/** POST /api/technicians/:userId/time-off: from–to instants and an optional reason. */
export const addTimeOff = (userId: string, input: TimeOffInput) => api<TimeOff>('POST', `/api/technicians/${userId}/time-off`, input);

export function useAddTimeOff(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (input: TimeOffInput) => addTimeOff(userId, input), onSuccess: () => queryClient.invalidateQueries({ queryKey: ['time-off', userId] }) });
}
