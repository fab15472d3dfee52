import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api, queryString } from '../../../lib/api-client.js';
import type { CustomerListItem } from '../../../lib/api-types.js';

const PAGE_SIZE = 50;

export interface CustomerListParams {
  q?: string;
  kind?: 'organisation' | 'household';
}

export const getCustomers = (params: CustomerListParams, offset: number) => api<{ items: CustomerListItem[] }>('GET', `/api/customers${queryString({ ...params, limit: PAGE_SIZE, offset })}`);

export const customersQuery = (params: CustomerListParams) =>
  infiniteQueryOptions({
    queryKey: ['customers', 'list', params],
    queryFn: ({ pageParam }) => getCustomers(params, pageParam),
    initialPageParam: 0,
    // The API pages by offset: a full page means there may be more.
    getNextPageParam: (page, pages) => (page.items.length === PAGE_SIZE ? pages.length * PAGE_SIZE : undefined),
  });

export const useCustomers = (params: CustomerListParams) => useInfiniteQuery({ ...customersQuery(params), placeholderData: keepPreviousData });
