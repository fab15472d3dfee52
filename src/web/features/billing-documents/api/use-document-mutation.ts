import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { StaffDocument } from './types.js';

/** A change that answers with the whole document: the editor shows the answer, the job's list refreshes. */
export function useDocumentMutation<Input>(send: (input: Input) => Promise<StaffDocument>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (document) => {
      queryClient.setQueryData(['billing-document', document.id], document);
      void queryClient.invalidateQueries({ queryKey: ['billing-documents', document.jobId] });
    },
  });
}
