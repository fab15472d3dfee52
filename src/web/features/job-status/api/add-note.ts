import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, upload } from '../../../lib/api-client.js';
import type { Attachment, CustomerJob } from '../../../lib/api-types.js';
import { customerJobQuery } from './get-customer-job.js';

/** Uploads one photo or PDF for a note on this job; the note then lists its id. */
export const uploadJobFile = (jobId: string, file: File) => upload<Attachment>(`/api/portal/jobs/${jobId}/uploads`, file);

export interface NoteInput {
  text: string;
  attachmentIds: string[];
}

/** Adds a note (text, photos or both) for the team; answers the job page as it is now. */
export const addNote = (jobId: string, input: NoteInput) => api<CustomerJob>('POST', `/api/portal/jobs/${jobId}/notes`, input);

export function useAddNote(jobId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NoteInput) => addNote(jobId, input),
    onSuccess: (job) => queryClient.setQueryData(customerJobQuery(jobId).queryKey, job),
  });
}
