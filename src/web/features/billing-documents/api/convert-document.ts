import { api } from '../../../lib/api-client.js';
import type { StaffDocument } from './types.js';
import { useDocumentMutation } from './use-document-mutation.js';

/** POST /api/billing/documents/:documentId/convert: a draft invoice from the estimate's chosen option. */
export const convertToInvoice = (documentId: string, optionId?: string) => api<StaffDocument>('POST', `/api/billing/documents/${documentId}/convert`, optionId ? { optionId } : {});
export const useConvertToInvoice = (documentId: string) => useDocumentMutation((optionId: string | undefined) => convertToInvoice(documentId, optionId));
