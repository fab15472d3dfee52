import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { CustomerJob } from '../../../lib/api-types.js';

/** The request's job, for the confirmation page opened again after a reload. */
export const getRequestJob = (jobId: string) => api<CustomerJob>('GET', `/api/portal/jobs/${jobId}`);

export const requestJobQuery = (jobId: string, enabled: boolean) => queryOptions({ queryKey: ['portal-job', jobId], queryFn: () => getRequestJob(jobId), enabled });

export const useRequestJob = (jobId: string, enabled: boolean) => useQuery(requestJobQuery(jobId, enabled));
