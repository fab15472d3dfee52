import { useQuery } from '@tanstack/react-query';
import { api, queryString } from '../../../lib/api-client.js';
import type { JobListItem, Paged } from '../../../lib/api-types.js';

/** The customer's most recent jobs (the board lists them all, filtered by this customer). */
export const getCustomerJobs = (customerId: string) => api<Paged<JobListItem>>('GET', `/api/jobs${queryString({ customerId, limit: 50 })}`);
export const useCustomerJobs = (customerId: string) => useQuery({ queryKey: ['jobs', 'customer', customerId], queryFn: () => getCustomerJobs(customerId) });
