import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, queryString } from '../../../lib/api-client.js';
import type { Payment } from './types.js';

export const getPayments = (range: { from?: string; to?: string }) => api<{ items: Payment[] }>('GET', `/api/payments${queryString({ ...range, limit: 200 })}`);

export const paymentsQuery = (range: { from?: string; to?: string }) => queryOptions({ queryKey: ['payments', 'list', range], queryFn: () => getPayments(range), refetchInterval: 30_000 });

export const usePayments = (range: { from?: string; to?: string }) => useQuery(paymentsQuery(range));
