import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type { CustomerAvailability as CustomerAvailabilitySchema } from '../../../../server/modules/scheduling/scheduling.schemas.js';
import { api, queryString } from '../../../lib/api-client.js';

/** Arrival windows a customer can book, in the company's time zone (GET /api/portal/availability). */
export type CustomerAvailability = Static<typeof CustomerAvailabilitySchema>;
export type CustomerWindow = CustomerAvailability['windows'][number];

export interface RequestAvailabilityQuery {
  categoryId: string;
  /** One of the customer's saved addresses: a new address has no windows until it is saved. */
  locationId: string;
  /** Local dates, both included. */
  from: string;
  to: string;
}

/** The windows a new request for this service at this address could book. */
export const getRequestAvailability = (query: RequestAvailabilityQuery) => api<CustomerAvailability>('GET', `/api/portal/availability${queryString({ ...query })}`);

export const requestAvailabilityKey = ['portal-request-availability'] as const;

export const requestAvailabilityQuery = (query: RequestAvailabilityQuery | null) =>
  queryOptions({
    queryKey: [...requestAvailabilityKey, query],
    queryFn: () => getRequestAvailability(query!),
    enabled: query !== null,
    // Windows fill up as others book: a minute-old list is fine, the booking re-checks anyway.
    staleTime: 60_000,
  });

export const useRequestAvailability = (query: RequestAvailabilityQuery | null) => useQuery(requestAvailabilityQuery(query));
