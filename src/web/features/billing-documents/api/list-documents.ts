import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, queryString } from '../../../lib/api-client.js';
import type { DocumentSummary } from './types.js';

/** GET /api/billing/documents?jobId=…: a job's estimates and invoices, newest first. */
export const listJobDocuments = (jobId: string) => api<{ items: DocumentSummary[] }>('GET', `/api/billing/documents${queryString({ jobId })}`);
export const jobDocumentsQuery = (jobId: string) => queryOptions({ queryKey: ['billing-documents', jobId], queryFn: () => listJobDocuments(jobId) });
export const useJobDocuments = (jobId: string) => useQuery(jobDocumentsQuery(jobId));
