import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client.js';
import type { StaffDocument } from './types.js';

/** GET /api/billing/documents/:documentId: one document with its options, lines and totals. */
export const getDocument = (documentId: string) => api<StaffDocument>('GET', `/api/billing/documents/${documentId}`);
export const documentQuery = (documentId: string) => queryOptions({ queryKey: ['billing-document', documentId], queryFn: () => getDocument(documentId) });
export const useDocument = (documentId: string) => useQuery(documentQuery(documentId));

/** The staff PDF of a document (opened in a new tab). */
export const documentPdfUrl = (documentId: string) => `/api/billing/documents/${documentId}/pdf`;
