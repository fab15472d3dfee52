import { useMutation } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type { BookingOnJobBody } from '../../../../server/modules/portal/portal.schemas.js';
import { api } from '../../../lib/api-client.js';
import type { CustomerJob } from '../../../lib/api-types.js';
import { useRefreshAfterBooking } from './refresh-after-booking.js';

export type BookVisitInput = Static<typeof BookingOnJobBody>;

/** Books an offered window for a job with no visit yet; answers the job page as it is now (409 SLOT_TAKEN with alternatives). */
export const bookVisit = (input: BookVisitInput) => api<CustomerJob>('POST', '/api/portal/bookings', input);

export function useBookVisit(jobId: string) {
  const { onSuccess, onError } = useRefreshAfterBooking(jobId);
  return useMutation({ mutationFn: (windowStart: string) => bookVisit({ jobId, windowStart }), onSuccess, onError });
}
