import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, queryString } from '../../../lib/api-client.js';
import type { CustomerDetail, CustomerListItem } from '../../../lib/api-types.js';

export const searchCustomers = (q: string) => api<{ items: CustomerListItem[] }>('GET', `/api/customers${queryString({ q, limit: 20 })}`);
export const customerSearchQuery = (q: string) => queryOptions({ queryKey: ['customers', 'search', q], queryFn: () => searchCustomers(q) });
export const useCustomerSearch = (q: string, enabled: boolean) => useQuery({ ...customerSearchQuery(q), enabled, placeholderData: keepPreviousData });

/** The customer a filter names, to show its name on the filter chip. */
export const getCustomer = (customerId: string) => api<CustomerDetail>('GET', `/api/customers/${customerId}`);
export const useCustomer = (customerId: string | undefined) =>
  useQuery({ queryKey: ['customer', customerId], queryFn: () => getCustomer(customerId!), enabled: Boolean(customerId) });
