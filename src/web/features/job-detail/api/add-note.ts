import { api } from '../../../lib/api-client.js';
import type { StaffJob } from '../../../lib/api-types.js';
import { useJobMutation } from './use-job-mutation.js';

export interface NoteInput {
  text: string;
  visibility: 'staff' | 'customer';
  attachmentIds: string[];
}

export const addNote = (jobId: string, input: NoteInput) => api<StaffJob>('POST', `/api/jobs/${jobId}/notes`, input);
export const useAddNote = (jobId: string) => useJobMutation(jobId, (input: NoteInput) => addNote(jobId, input));
