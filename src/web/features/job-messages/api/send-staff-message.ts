import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import { staffMessagesQuery } from './get-staff-messages.js';
import { INBOX_KEY } from './get-inbox.js';
import type { Message } from './types.js';

/** POST /api/jobs/:jobId/messages — replies to the customer; the job's contacts are notified. */
export const sendStaffMessage = (jobId: string, text: string) => api<Message>('POST', `/api/jobs/${jobId}/messages`, { text });

export function useSendStaffMessage(jobId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => sendStaffMessage(jobId, text),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: staffMessagesQuery(jobId).queryKey });
      await queryClient.invalidateQueries({ queryKey: INBOX_KEY });
    },
  });
}
