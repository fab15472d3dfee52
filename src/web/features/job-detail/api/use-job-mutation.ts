import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useToast } from '../../../components/ui/index.js';
import { ApiError } from '../../../lib/api-client.js';
import type { StaffJob } from '../../../lib/api-types.js';

/**
 * A change to a job that answers with the whole job: the page shows the answer at once. When
 * someone else changed the job first (409), the person is told and sees the job as it is now.
 * TECHNICIAN_BUSY is not such a change: the dialog shows the visits in the way and offers to book anyway.
 */
export function useJobMutation<Input>(jobId: string, send: (input: Input) => Promise<StaffJob>) {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: send,
    onSuccess: (job) => {
      queryClient.setQueryData(['job', jobId], job);
      void queryClient.invalidateQueries({ queryKey: ['jobs'] });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409 && error.code !== 'TECHNICIAN_BUSY') {
        toast.show(error.message, 'error');
        void queryClient.invalidateQueries({ queryKey: ['job', jobId] });
      }
    },
  });
}
