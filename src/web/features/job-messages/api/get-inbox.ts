import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, queryString } from '../../../lib/api-client.js';
import type { Inbox } from './types.js';

export const INBOX_KEY = ['message-inbox'] as const;

export interface InboxParams {
  unread?: boolean;
  limit?: number;
}

/** GET /api/messages — conversations waiting for the office first, then the most recent. */
export const getInbox = (params: InboxParams) => api<Inbox>('GET', `/api/messages${queryString({ unread: params.unread || undefined, limit: params.limit })}`);

export const inboxQuery = (params: InboxParams) =>
  queryOptions({ queryKey: [...INBOX_KEY, params], queryFn: () => getInbox(params), refetchInterval: 60_000, placeholderData: keepPreviousData });

export const useInbox = (params: InboxParams) => useQuery(inboxQuery(params));
