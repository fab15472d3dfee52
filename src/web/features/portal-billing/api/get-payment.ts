import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { Payment } from './types.js';

export const getPayment = (jobId: string, paymentId: string) => api<Payment>('GET', `/api/portal/jobs/${jobId}/payments/${paymentId}`);

/**
 * One payment while the provider settles it: the state follows the provider's webhook, so the
 * page asks every 2 s until it is no longer pending.
 */
export const paymentQuery = (jobId: string, paymentId: string) =>
  queryOptions({
    queryKey: ['portal-payment', jobId, paymentId],
    queryFn: () => getPayment(jobId, paymentId),
    refetchInterval: (query) => (query.state.data?.status === 'pending' ? 2_000 : false),
  });

export const usePayment = (jobId: string, paymentId: string | null) => useQuery({ ...paymentQuery(jobId, paymentId ?? ''), enabled: Boolean(paymentId) });

export const receiptUrl = (jobId: string, paymentId: string) => `/api/portal/jobs/${jobId}/payments/${paymentId}/receipt.pdf`;
