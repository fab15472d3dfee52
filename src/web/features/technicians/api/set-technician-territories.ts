import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';

/** PUT /api/technicians/:userId/territories: the territories they serve; none means everywhere. */
export const setTechnicianTerritories = (userId: string, territoryIds: string[]) =>
  api<{ technicianId: string; territoryIds: string[] }>('PUT', `/api/technicians/${userId}/territories`, { territoryIds });

export function useSetTechnicianTerritories(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (territoryIds: string[]) => setTechnicianTerritories(userId, territoryIds), onSuccess: () => queryClient.invalidateQueries({ queryKey: ['territories'] }) });
}
