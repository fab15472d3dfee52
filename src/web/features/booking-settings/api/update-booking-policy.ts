import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Static } from 'typebox';
import { api } from '../../../lib/api-client.js';
import type { BookingPolicyPatch as BookingPolicyPatchSchema } from '../../../../server/modules/scheduling/scheduling.schemas.js';
import type { BookingPolicy } from './get-booking-policy.js';

export type BookingPolicyPatch = Static<typeof BookingPolicyPatchSchema>;

/** PATCH /api/booking-policy (admins): answers with the whole policy as saved. */
export const updateBookingPolicy = (patch: BookingPolicyPatch) => api<BookingPolicy>('PATCH', '/api/booking-policy', patch);

export function useUpdateBookingPolicy() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: updateBookingPolicy, onSuccess: (policy) => queryClient.setQueryData(['booking-policy'], policy) });
}
