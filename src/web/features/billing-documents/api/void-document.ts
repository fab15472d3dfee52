import { api } from '../../../lib/api-client.js';
import type { StaffDocument } from './types.js';
import { useDocumentMutation } from './use-document-mutation.js';

/** POST /api/billing/documents/:documentId/void. */
export const voidDocument = (documentId: string) => api<StaffDocument>('POST', `/api/billing/documents/${documentId}/void`);
export const useVoidDocument = (documentId: string) => useDocumentMutation(() => voidDocument(documentId));
