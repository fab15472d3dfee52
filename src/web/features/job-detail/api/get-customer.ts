import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { CustomerDetail } from '../../../lib/api-types.js';

export const getCustomer = (customerId: string) => api<CustomerDetail>('GET', `/api/customers/${customerId}`);
export const useCustomer = (customerId: string | undefined) =>
  useQuery({ queryKey: ['customer', customerId], queryFn: () => getCustomer(customerId!), enabled: Boolean(customerId) });
