import { api } from '../../../lib/api-client.js';
import type { StaffDocument, UpdateDocumentInput } from './types.js';
import { useDocumentMutation } from './use-document-mutation.js';

/** PATCH /api/billing/documents/:documentId with the version read (409 VERSION_CONFLICT when stale). */
export const updateDocument = (documentId: string, input: UpdateDocumentInput) => api<StaffDocument>('PATCH', `/api/billing/documents/${documentId}`, input);
export const useUpdateDocument = (documentId: string) => useDocumentMutation((input: UpdateDocumentInput) => updateDocument(documentId, input));
