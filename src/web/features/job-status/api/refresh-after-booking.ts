import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ApiError } from '../../../lib/api-client.js';
import type { CustomerJob } from '../../../lib/api-types.js';
import { customerJobQuery } from './get-customer-job.js';
import { jobAvailabilityKey } from './get-job-availability.js';

/**
 * After a booking, a move or a cancellation: the answer is the job page as it is now, shown at
 * once; the page's query is still invalidated (the timeline may gain entries from listeners), and
 * so are the windows this job was offered and the customer's list of jobs. A 409 (a cut-off that
 * passed, a technician already on the way) means the page is out of date: it is fetched again.
 */
export function useRefreshAfterBooking(jobId: string) {
  const queryClient = useQueryClient();
  const onError = useCallback(
    (error: Error) => {
      if (error instanceof ApiError && error.status === 409) void queryClient.invalidateQueries({ queryKey: customerJobQuery(jobId).queryKey });
    },
    [queryClient, jobId],
  );
  const onSuccess = useCallback(
    async (job: CustomerJob) => {
      queryClient.setQueryData(customerJobQuery(jobId).queryKey, job);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: customerJobQuery(jobId).queryKey }),
        queryClient.invalidateQueries({ queryKey: jobAvailabilityKey(jobId), refetchType: 'none' }),
        queryClient.invalidateQueries({ queryKey: ['portal-my-jobs'], refetchType: 'none' }),
      ]);
    },
    [queryClient, jobId],
  );
  return { onSuccess, onError };
}
