import { api } from '../../../lib/api-client.js';
import type { StaffJob } from '../../../lib/api-types.js';
import { useJobMutation } from './use-job-mutation.js';

/** POST /api/jobs/:jobId/auto-assign: books the job's first visit by the dispatch rules (first window someone can take). */
export const autoAssignJob = (jobId: string) => api<StaffJob>('POST', `/api/jobs/${jobId}/auto-assign`, {});
export const useAutoAssignJob = (jobId: string) => useJobMutation(jobId, () => autoAssignJob(jobId));
