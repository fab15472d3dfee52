import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { StaffJob } from '../../../lib/api-types.js';

export const getJob = (jobId: string) => api<StaffJob>('GET', `/api/jobs/${jobId}`);
export const jobQuery = (jobId: string) => queryOptions({ queryKey: ['job', jobId], queryFn: () => getJob(jobId) });
export const useJob = (jobId: string) => useQuery(jobQuery(jobId));
