import { useMutation } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type { BookingBody } from '../../../../server/modules/scheduling/scheduling.schemas.js';
import { api } from '../../../lib/api-client.js';
import type { CustomerJob } from '../../../lib/api-types.js';
import { useRefreshAfterBooking } from './refresh-after-booking.js';

export type BookVisitInput = Static<typeof BookingBody>;

/** Books an offered window for a job with no visit yet; answers the job page as it is now (409 SLOT_TAKEN with alternatives). */
export const bookVisit = (jobId: string, input: BookVisitInput) => api<CustomerJob>('POST', `/api/portal/jobs/${jobId}/book`, input);

export function useBookVisit(jobId: string) {
  const { onSuccess, onError } = useRefreshAfterBooking(jobId);
  return useMutation({ mutationFn: (input: BookVisitInput) => bookVisit(jobId, input), onSuccess, onError });
}
