import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, queryString } from '../../../lib/api-client.js';
import type { CustomerDetail, CustomerListItem } from '../../../lib/api-types.js';

export const searchCustomers = (q: string) => api<{ items: CustomerListItem[] }>('GET', `/api/customers${queryString({ q, limit: 20 })}`);
export const useCustomerSearch = (q: string) => useQuery({ queryKey: ['customers', 'search', q], queryFn: () => searchCustomers(q), enabled: q.length > 0, placeholderData: keepPreviousData });

export const getCustomer = (customerId: string) => api<CustomerDetail>('GET', `/api/customers/${customerId}`);
export const useCustomer = (customerId: string) => useQuery({ queryKey: ['customer', customerId], queryFn: () => getCustomer(customerId), enabled: Boolean(customerId) });
