import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { Priority, ServiceRequestResult } from '../../../lib/api-types.js';
import { requestAvailabilityKey } from './get-request-availability.js';

export interface NewAddress {
  line1: string;
  line2?: string | null;
  city: string;
  region?: string | null;
  postalCode: string;
  country: string;
  accessNotes?: string | null;
}

export interface ServiceRequestInput {
  categoryId: string;
  description: string;
  priority: Priority;
  slaAcknowledged: boolean;
  location: { locationId: string } | NewAddress;
  preferredWindows: { start: string; end: string }[];
  attachmentIds: string[];
  /** One of the offered windows, booked with the request (409 SLOT_TAKEN with alternatives if someone was quicker). */
  booking?: { windowStart: string; technicianId?: string };
}

export const submitRequest = (input: ServiceRequestInput) => api<ServiceRequestResult>('POST', '/api/portal/requests', input);

/** The confirmation page shows this answer; after a reload it has only the job to go on. */
export const requestResultKey = (jobId: string) => ['service-request-result', jobId] as const;

export function useSubmitRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: submitRequest,
    onSuccess: async (result) => {
      queryClient.setQueryData(requestResultKey(result.job.id), result);
      await queryClient.invalidateQueries({ queryKey: ['portal-my-jobs'] });
      // A booked window is gone for the next request.
      if (result.appointment) await queryClient.invalidateQueries({ queryKey: requestAvailabilityKey, refetchType: 'none' });
    },
  });
}
