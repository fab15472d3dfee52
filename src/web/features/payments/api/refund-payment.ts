import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { Payment } from './types.js';

/** Refunds all or part of a payment (through the card processor for card payments). */
export const refundPayment = (paymentId: string, input: { amount: number; reason?: string | null }) => api<Payment>('POST', `/api/payments/${paymentId}/refunds`, input);

export function useRefundPayment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ paymentId, input }: { paymentId: string; input: { amount: number; reason?: string | null } }) => refundPayment(paymentId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['payments'] }),
  });
}
