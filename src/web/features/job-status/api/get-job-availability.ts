import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type { CustomerAvailability as CustomerAvailabilitySchema } from '../../../../server/modules/scheduling/scheduling.schemas.js';
import { api, queryString } from '../../../lib/api-client.js';

/** Arrival windows this job can be booked or moved to, in the company's time zone. */
export type JobAvailability = Static<typeof CustomerAvailabilitySchema>;

/** Local dates (YYYY-MM-DD, company time zone), both included. */
export interface JobAvailabilityRange {
  from: string;
  to: string;
}

export const getJobAvailability = (jobId: string, range: JobAvailabilityRange) => api<JobAvailability>('GET', `/api/portal/jobs/${jobId}/availability${queryString({ ...range })}`);

export const jobAvailabilityKey = (jobId: string) => ['portal-job-availability', jobId] as const;

export const jobAvailabilityQuery = (jobId: string, range: JobAvailabilityRange, enabled: boolean) =>
  // Windows fill up as others book: a minute-old list is fine, the booking re-checks anyway.
  queryOptions({ queryKey: [...jobAvailabilityKey(jobId), range], queryFn: () => getJobAvailability(jobId, range), enabled, staleTime: 60_000 });

export const useJobAvailability = (jobId: string, range: JobAvailabilityRange, enabled: boolean) => useQuery(jobAvailabilityQuery(jobId, range, enabled));
