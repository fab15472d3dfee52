import { api } from '../../../lib/api-client.js';
import type { StaffDocument } from './types.js';
import { useDocumentMutation } from './use-document-mutation.js';

/** POST /api/billing/documents/:documentId/share: the "share in portal" switch (on notifies the customer). */
export const shareDocument = (documentId: string, shared: boolean) => api<StaffDocument>('POST', `/api/billing/documents/${documentId}/share`, { shared });
export const useShareDocument = (documentId: string) => useDocumentMutation((shared: boolean) => shareDocument(documentId, shared));
