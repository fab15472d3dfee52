import { api } from '../../../lib/api-client.js';
import type { StaffJob } from '../../../lib/api-types.js';
import { useJobMutation } from './use-job-mutation.js';

/** Adds a contact to the job, or changes whether one already on it receives notifications. */
export const addJobContact = (jobId: string, input: { contactId: string; notify: boolean }) => api<StaffJob>('POST', `/api/jobs/${jobId}/contacts`, input);
export const useAddJobContact = (jobId: string) => useJobMutation(jobId, (input: { contactId: string; notify: boolean }) => addJobContact(jobId, input));
