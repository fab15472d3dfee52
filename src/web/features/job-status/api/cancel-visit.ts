import { useMutation } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type { CancelByCustomerBody } from '../../../../server/modules/portal/portal.schemas.js';
import { api } from '../../../lib/api-client.js';
import type { CustomerJob } from '../../../lib/api-types.js';
import { useRefreshAfterBooking } from './refresh-after-booking.js';

export type CancelVisitInput = Static<typeof CancelByCustomerBody>;

/** Cancels the job (and its visit, if one is booked) until the cancellation cut-off (409 CANCEL_CUTOFF_PASSED after it). */
export const cancelVisit = (jobId: string, input: CancelVisitInput) => api<CustomerJob>('POST', `/api/portal/jobs/${jobId}/cancel`, input);

export function useCancelVisit(jobId: string) {
  const { onSuccess, onError } = useRefreshAfterBooking(jobId);
  return useMutation({ mutationFn: (reason: string) => cancelVisit(jobId, reason.trim() ? { reason: reason.trim() } : {}), onSuccess, onError });
}
