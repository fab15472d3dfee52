import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { DocumentSummary } from './types.js';

/** GET /api/portal/jobs/:jobId/documents: the estimates and invoices the company shared for this job. */
export const listJobDocuments = (jobId: string) => api<{ items: DocumentSummary[] }>('GET', `/api/portal/jobs/${jobId}/documents`);
export const jobDocumentsQuery = (jobId: string) => queryOptions({ queryKey: ['portal-documents', jobId], queryFn: () => listJobDocuments(jobId) });
export const useJobDocuments = (jobId: string) => useQuery(jobDocumentsQuery(jobId));
