import { api } from '../../../lib/api-client.js';
import type { StaffJob } from '../../../lib/api-types.js';
import { useJobMutation } from './use-job-mutation.js';

export const cancelJob = (jobId: string, reason: string) => api<StaffJob>('POST', `/api/jobs/${jobId}/cancel`, { reason });
export const useCancelJob = (jobId: string) => useJobMutation(jobId, (reason: string) => cancelJob(jobId, reason));
