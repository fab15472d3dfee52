import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { CustomerJob } from '../../../lib/api-types.js';

export const getCustomerJob = (jobId: string) => api<CustomerJob>('GET', `/api/portal/jobs/${jobId}`);

/** The job page's data; refreshed every 30 s while the page is open (live updates come later). */
export const customerJobQuery = (jobId: string) => queryOptions({ queryKey: ['portal-job', jobId], queryFn: () => getCustomerJob(jobId), refetchInterval: 30_000 });

export const useCustomerJob = (jobId: string) => useQuery(customerJobQuery(jobId));
