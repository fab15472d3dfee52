import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import { staffMessagesQuery } from './get-staff-messages.js';
import { INBOX_KEY } from './get-inbox.js';

/** POST /api/jobs/:jobId/messages/read — the office has seen the customer's messages. */
export const markThreadRead = (jobId: string) => api<{ ok: true }>('POST', `/api/jobs/${jobId}/messages/read`);

export function useMarkThreadRead(jobId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => markThreadRead(jobId),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: staffMessagesQuery(jobId).queryKey });
      await queryClient.invalidateQueries({ queryKey: INBOX_KEY });
    },
  });
}
