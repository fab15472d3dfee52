import { api } from '../../../lib/api-client.js';
import type { StaffJob } from '../../../lib/api-types.js';
import { useJobMutation } from './use-job-mutation.js';

export interface RescheduleInput {
  windowStart: string;
  windowEnd: string;
  technicianId?: string;
  reason?: string;
  allowOverlap?: boolean;
}

export const rescheduleJob = (jobId: string, input: RescheduleInput) => api<StaffJob>('POST', `/api/jobs/${jobId}/reschedule`, input);
export const useRescheduleJob = (jobId: string) => useJobMutation(jobId, (input: RescheduleInput) => rescheduleJob(jobId, input));
