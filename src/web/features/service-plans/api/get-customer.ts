import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { CustomerDetail } from '../../../lib/api-types.js';

/** GET /api/customers/:id — the customer whose plans are shown (same cache entry as the customer page's). */
export const getCustomer = (customerId: string) => api<CustomerDetail>('GET', `/api/customers/${customerId}`);
export const customerQuery = (customerId: string) => queryOptions({ queryKey: ['customer', customerId], queryFn: () => getCustomer(customerId) });
export const useCustomer = (customerId: string) => useQuery(customerQuery(customerId));
