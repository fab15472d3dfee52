import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { CustomerDocument } from './types.js';

/** GET /api/portal/jobs/:jobId/documents/:documentId: one shared estimate or invoice. */
export const getDocument = (jobId: string, documentId: string) => api<CustomerDocument>('GET', `/api/portal/jobs/${jobId}/documents/${documentId}`);
export const documentQuery = (jobId: string, documentId: string) =>
  queryOptions({ queryKey: ['portal-document', jobId, documentId], queryFn: () => getDocument(jobId, documentId), retry: false });
export const useDocument = (jobId: string, documentId: string) => useQuery(documentQuery(jobId, documentId));

export const documentPdfUrl = (jobId: string, documentId: string) => `/api/portal/jobs/${jobId}/documents/${documentId}/pdf`;
/** The pay page (payments feature, /portal/jobs/:jobId/documents/:documentId/pay). */
export const payPageUrl = (jobId: string, documentId: string) => `/portal/jobs/${jobId}/documents/${documentId}/pay`;
