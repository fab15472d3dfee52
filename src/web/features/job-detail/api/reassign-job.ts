import { api } from '../../../lib/api-client.js';
import type { StaffJob } from '../../../lib/api-types.js';
import { useJobMutation } from './use-job-mutation.js';

export interface ReassignInput {
  technicianId: string;
  allowOverlap?: boolean;
}

export const reassignJob = (jobId: string, input: ReassignInput) => api<StaffJob>('POST', `/api/jobs/${jobId}/reassign`, input);
export const useReassignJob = (jobId: string) => useJobMutation(jobId, (input: ReassignInput) => reassignJob(jobId, input));
