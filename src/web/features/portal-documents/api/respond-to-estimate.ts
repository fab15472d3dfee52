import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { CustomerDocument } from './types.js';

/** POST …/approve: the option chosen and the name typed as signature. */
export const approveEstimate = (jobId: string, documentId: string, input: { optionId?: string; signerName: string; version?: number }) =>
  api<CustomerDocument>('POST', `/api/portal/jobs/${jobId}/documents/${documentId}/approve`, input);

/** POST …/decline, optionally saying why. */
export const declineEstimate = (jobId: string, documentId: string, input: { reason?: string }) =>
  api<CustomerDocument>('POST', `/api/portal/jobs/${jobId}/documents/${documentId}/decline`, input);

function useRespond<Input>(jobId: string, send: (input: Input) => Promise<CustomerDocument>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (document) => {
      queryClient.setQueryData(['portal-document', jobId, document.id], document);
      void queryClient.invalidateQueries({ queryKey: ['portal-documents', jobId] });
      void queryClient.invalidateQueries({ queryKey: ['portal-job', jobId] });
    },
    // Answered elsewhere meanwhile (another tab, another contact): show the estimate as it is now.
    onError: (_error, _input) => void queryClient.invalidateQueries({ queryKey: ['portal-document', jobId] }),
  });
}

export const useApproveEstimate = (jobId: string, documentId: string) => useRespond(jobId, (input: { optionId?: string; signerName: string; version?: number }) => approveEstimate(jobId, documentId, input));
export const useDeclineEstimate = (jobId: string, documentId: string) => useRespond(jobId, (input: { reason?: string }) => declineEstimate(jobId, documentId, input));
