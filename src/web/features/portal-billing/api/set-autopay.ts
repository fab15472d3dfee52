import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import { billingQuery } from './get-billing.js';

export const setAutopay = (enabled: boolean) => api<{ enabled: boolean }>('PUT', '/api/portal/billing/autopay', { enabled });

export function useSetAutopay() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: setAutopay, onSuccess: () => queryClient.invalidateQueries({ queryKey: billingQuery().queryKey }) });
}
