import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { Payment, RecordedMethod } from './types.js';

export interface RecordPaymentInput {
  amount: number;
  method: RecordedMethod;
  reference?: string | null;
  note?: string | null;
}

/** Records a payment received outside Arrivo (cash, check, transfer, card machine). */
export const recordPayment = (documentId: string, input: RecordPaymentInput) => api<Payment>('POST', `/api/payments/invoices/${documentId}/payments`, input);

export function useRecordPayment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ documentId, input }: { documentId: string; input: RecordPaymentInput }) => recordPayment(documentId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['payments'] }),
  });
}
