import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { MessageThread } from './types.js';

/** GET /api/jobs/:jobId/messages — the job's conversation with the customer, for the office. */
export const getStaffMessages = (jobId: string) => api<MessageThread>('GET', `/api/jobs/${jobId}/messages`);

export const staffMessagesQuery = (jobId: string) => queryOptions({ queryKey: ['job-messages', jobId], queryFn: () => getStaffMessages(jobId), refetchInterval: 120_000 });

export const useStaffMessages = (jobId: string) => useQuery(staffMessagesQuery(jobId));
