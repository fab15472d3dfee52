import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { CustomerJob } from '../../../lib/api-types.js';

export const getCustomerJob = (jobId: string) => api<CustomerJob>('GET', `/api/portal/jobs/${jobId}`);

/**
 * The job page's data. The page refetches it on each live job event (decision 008); polling every
 * 2 minutes is only a safety net for a stream a proxy or network keeps from arriving.
 */
export const customerJobQuery = (jobId: string) => queryOptions({ queryKey: ['portal-job', jobId], queryFn: () => getCustomerJob(jobId), refetchInterval: 120_000 });

export const useCustomerJob = (jobId: string) => useQuery(customerJobQuery(jobId));
