import type { Static } from 'typebox';
import type {
  BillingSettings as BillingSettingsSchema,
  BillingSettingsPatch as BillingSettingsPatchSchema,
  CreateDocumentBody,
  DocumentSummary as DocumentSummarySchema,
  StaffDocument as StaffDocumentSchema,
  UpdateDocumentBody,
} from '../../../../server/modules/billing/billing.schemas.js';

export type StaffDocument = Static<typeof StaffDocumentSchema>;
export type DocumentSummary = Static<typeof DocumentSummarySchema>;
export type CreateDocumentInput = Static<typeof CreateDocumentBody>;
export type UpdateDocumentInput = Static<typeof UpdateDocumentBody>;
export type BillingSettings = Static<typeof BillingSettingsSchema>;
export type BillingSettingsPatch = Static<typeof BillingSettingsPatchSchema>;
export type DocumentKind = StaffDocument['kind'];
