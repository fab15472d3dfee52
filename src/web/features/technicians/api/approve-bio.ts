import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { Technician } from '../../../lib/api-types.js';

export const approveBio = (userId: string) => api<Technician>('POST', `/api/technicians/${userId}/bio/approve`);

export function useApproveBio() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: approveBio, onSuccess: () => queryClient.invalidateQueries({ queryKey: ['technicians'] }) });
}
