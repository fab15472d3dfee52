import type { Static } from 'typebox';
import type { CustomerDocument as CustomerDocumentSchema, DocumentSummary as DocumentSummarySchema } from '../../../../server/modules/billing/billing.schemas.js';

export type CustomerDocument = Static<typeof CustomerDocumentSchema>;
export type DocumentSummary = Static<typeof DocumentSummarySchema>;
