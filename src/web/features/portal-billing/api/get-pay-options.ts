import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { PayOptions } from './types.js';

export const getPayOptions = (jobId: string, documentId: string) => api<PayOptions>('GET', `/api/portal/jobs/${jobId}/documents/${documentId}/payments`);

export const payOptionsQuery = (jobId: string, documentId: string) => queryOptions({ queryKey: ['pay-options', jobId, documentId], queryFn: () => getPayOptions(jobId, documentId) });

export const usePayOptions = (jobId: string, documentId: string) => useQuery(payOptionsQuery(jobId, documentId));
