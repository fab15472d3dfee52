import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { BillingOverview } from './types.js';

export const getBilling = () => api<BillingOverview>('GET', '/api/portal/billing');

/** The Billing page's data; refreshed every 30 s so a payment made in another tab shows up. */
export const billingQuery = () => queryOptions({ queryKey: ['portal-billing'], queryFn: getBilling, refetchInterval: 30_000 });

export const useBilling = () => useQuery(billingQuery());
