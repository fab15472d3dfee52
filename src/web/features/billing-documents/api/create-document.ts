import { api } from '../../../lib/api-client.js';
import type { CreateDocumentInput, StaffDocument } from './types.js';
import { useDocumentMutation } from './use-document-mutation.js';

/** POST /api/billing/documents: a draft estimate or invoice for a job. */
export const createDocument = (input: CreateDocumentInput) => api<StaffDocument>('POST', '/api/billing/documents', input);
export const useCreateDocument = () => useDocumentMutation(createDocument);
