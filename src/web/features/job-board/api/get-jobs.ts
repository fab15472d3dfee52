import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api, queryString } from '../../../lib/api-client.js';
import type { JobListItem, Paged } from '../../../lib/api-types.js';

/** The board's filters as GET /api/jobs names them. */
export interface JobListParams {
  status?: string;
  priority?: string;
  technicianId?: string;
  customerId?: string;
  scheduledFrom?: string;
  scheduledTo?: string;
  unassigned?: boolean;
  overdue?: boolean;
  q?: string;
}

const PAGE_SIZE = 50;

export const getJobs = (params: JobListParams, cursor: string | undefined) =>
  api<Paged<JobListItem>>('GET', `/api/jobs${queryString({ ...params, cursor, limit: PAGE_SIZE })}`);

export const jobsQuery = (params: JobListParams) =>
  infiniteQueryOptions({
    queryKey: ['jobs', params],
    queryFn: ({ pageParam }) => getJobs(params, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });

/** Keeps the previous rows on screen while a changed filter loads, so the table does not flash empty. */
export const useJobs = (params: JobListParams) => useInfiniteQuery({ ...jobsQuery(params), placeholderData: keepPreviousData });
