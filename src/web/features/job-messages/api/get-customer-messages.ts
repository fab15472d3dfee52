import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { MessageThread } from './types.js';

/** GET /api/portal/jobs/:jobId/messages — the job's conversation, for its customer. */
export const getCustomerMessages = (jobId: string) => api<MessageThread>('GET', `/api/portal/jobs/${jobId}/messages`);

/** Refetched on each live message event; the slow poll is only a safety net for a stream that does not arrive. */
export const customerMessagesQuery = (jobId: string) => queryOptions({ queryKey: ['portal-job-messages', jobId], queryFn: () => getCustomerMessages(jobId), refetchInterval: 120_000 });

export const useCustomerMessages = (jobId: string) => useQuery(customerMessagesQuery(jobId));
