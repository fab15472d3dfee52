import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { PreferredTechnician } from './get-preferred-technician.js';

/** PUT /api/customers/:customerId/preferred-technician: sets it, or clears it with null. */
export const setPreferredTechnician = (customerId: string, technicianId: string | null) => api<PreferredTechnician>('PUT', `/api/customers/${customerId}/preferred-technician`, { technicianId });

export function useSetPreferredTechnician(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (technicianId: string | null) => setPreferredTechnician(customerId, technicianId),
    onSuccess: (saved) => queryClient.setQueryData(['customer', customerId, 'preferred-technician'], saved),
  });
}
