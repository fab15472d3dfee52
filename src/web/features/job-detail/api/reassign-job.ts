import { api } from '../../../lib/api-client.js';
import type { StaffJob } from '../../../lib/api-types.js';
import { useJobMutation } from './use-job-mutation.js';

export const reassignJob = (jobId: string, technicianId: string) => api<StaffJob>('POST', `/api/jobs/${jobId}/reassign`, { technicianId });
export const useReassignJob = (jobId: string) => useJobMutation(jobId, (technicianId: string) => reassignJob(jobId, technicianId));
