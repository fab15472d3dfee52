import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { Payment } from './types.js';

export interface PayInput {
  /** Minor units; the whole balance when left out. */
  amount?: number;
  /** One key per payment the customer means to make: a double click or a retry sends the same one. */
  idempotencyKey: string;
  card?: { number: string; expMonth: number; expYear: number; cvc: string; name?: string | null };
  savePaymentMethod?: boolean;
  paymentMethodId?: string;
}

/** Pays the invoice (charged once per idempotency key, and once per invoice whatever the tabs). */
export const payInvoice = (jobId: string, documentId: string, input: PayInput) => api<Payment>('POST', `/api/portal/jobs/${jobId}/documents/${documentId}/payments`, input);

export function usePayInvoice(jobId: string, documentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PayInput) => payInvoice(jobId, documentId, input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['pay-options', jobId, documentId] }),
  });
}
