import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import { billingQuery } from './get-billing.js';

export const removeCard = (paymentMethodId: string) => api<{ ok: true }>('DELETE', `/api/portal/billing/payment-methods/${encodeURIComponent(paymentMethodId)}`);

export function useRemoveCard() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: removeCard, onSuccess: () => queryClient.invalidateQueries({ queryKey: billingQuery().queryKey }) });
}
