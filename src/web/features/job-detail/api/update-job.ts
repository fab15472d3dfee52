import { api } from '../../../lib/api-client.js';
import type { Priority, StaffJob } from '../../../lib/api-types.js';
import { useJobMutation } from './use-job-mutation.js';

export interface JobPatch {
  priority?: Priority;
  categoryId?: string;
  description?: string;
  notificationsEnabled?: boolean;
}

export const updateJob = (jobId: string, patch: JobPatch) => api<StaffJob>('PATCH', `/api/jobs/${jobId}`, patch);
export const useUpdateJob = (jobId: string) => useJobMutation(jobId, (patch: JobPatch) => updateJob(jobId, patch));
