import { api } from '../../../lib/api-client.js';
import type { StaffJob } from '../../../lib/api-types.js';
import { useJobMutation } from './use-job-mutation.js';

export interface ScheduleInput {
  technicianId: string;
  windowStart: string;
  windowEnd: string;
  /** Book even when the technician's other visits leave no room (otherwise 409 TECHNICIAN_BUSY). */
  allowOverlap?: boolean;
}

export const scheduleJob = (jobId: string, input: ScheduleInput) => api<StaffJob>('POST', `/api/jobs/${jobId}/schedule`, input);
export const useScheduleJob = (jobId: string) => useJobMutation(jobId, (input: ScheduleInput) => scheduleJob(jobId, input));
