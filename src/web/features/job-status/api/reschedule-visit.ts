import { useMutation } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type { RescheduleByCustomerBody } from '../../../../server/modules/portal/portal.schemas.js';
import { api } from '../../../lib/api-client.js';
import type { CustomerJob } from '../../../lib/api-types.js';
import { useRefreshAfterBooking } from './refresh-after-booking.js';

export type RescheduleVisitInput = Static<typeof RescheduleByCustomerBody>;

/** Moves the job's visit to another offered window (409 SLOT_TAKEN with alternatives; 409 RESCHEDULE_CUTOFF_PASSED after the cut-off). */
export const rescheduleVisit = (jobId: string, input: RescheduleVisitInput) => api<CustomerJob>('POST', `/api/portal/jobs/${jobId}/reschedule`, input);

export function useRescheduleVisit(jobId: string) {
  const { onSuccess, onError } = useRefreshAfterBooking(jobId);
  return useMutation({ mutationFn: (input: RescheduleVisitInput) => rescheduleVisit(jobId, input), onSuccess, onError });
}
