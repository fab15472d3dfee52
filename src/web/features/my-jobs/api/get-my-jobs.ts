import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api, queryString } from '../../../lib/api-client.js';
import type { MyJob, Paged } from '../../../lib/api-types.js';

const PAGE_SIZE = 10;

/** One page of my jobs: open ones (`open: true`) or past ones (completed, cancelled), newest first. */
export const getMyJobs = (open: boolean, cursor: string | null) => api<Paged<MyJob>>('GET', `/api/portal/jobs${queryString({ open, cursor, limit: PAGE_SIZE })}`);

export const myJobsQuery = (open: boolean) =>
  infiniteQueryOptions({
    queryKey: ['portal-my-jobs', open],
    queryFn: ({ pageParam }) => getMyJobs(open, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });

export const useMyJobs = (open: boolean) => useInfiniteQuery(myJobsQuery(open));
