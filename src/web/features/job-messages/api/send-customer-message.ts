import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import { customerMessagesQuery } from './get-customer-messages.js';
import type { Message } from './types.js';

/** POST /api/portal/jobs/:jobId/messages — writes to the company; the dispatchers are notified. */
export const sendCustomerMessage = (jobId: string, text: string) => api<Message>('POST', `/api/portal/jobs/${jobId}/messages`, { text });

export function useSendCustomerMessage(jobId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => sendCustomerMessage(jobId, text),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: customerMessagesQuery(jobId).queryKey }),
  });
}
