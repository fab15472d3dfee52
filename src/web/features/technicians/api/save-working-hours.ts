import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Static } from 'typebox';
import { api } from '../../../lib/api-client.js';
import type { WorkingHoursBody } from '../../../../server/modules/scheduling/scheduling.schemas.js';
import type { WorkingHours } from './get-working-hours.js';

export type WorkingHoursInput = Static<typeof WorkingHoursBody>['hours'];

/** PUT /api/technicians/:userId/working-hours: the whole week; an empty list returns to the default week. */
export const saveWorkingHours = (userId: string, hours: WorkingHoursInput) => api<WorkingHours>('PUT', `/api/technicians/${userId}/working-hours`, { hours });

export function useSaveWorkingHours(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (hours: WorkingHoursInput) => saveWorkingHours(userId, hours), onSuccess: (saved) => queryClient.setQueryData(['working-hours', userId], saved) });
}
