import type { Selectable } from 'kysely';

export type DocumentKind = 'estimate' | 'invoice';
export type EstimateStatus = 'draft' | 'sent' | 'approved' | 'declined' | 'void';
export type InvoiceStatus = 'draft' | 'open' | 'paid' | 'void';
export type DocumentStatus = EstimateStatus | InvoiceStatus;
export type DiscountKind = 'percent' | 'amount';
export type LineKind = 'service' | 'part' | 'labour' | 'fee';
export type ApprovedEstimateAction = 'add_visit' | 'new_job' | 'nothing';
export type PaymentProviderName = 'offline' | 'stripe';

/** A company's billing settings; a company without a row uses DEFAULT_BILLING_SETTINGS. */
export interface BillingSettingsTable {
  company_id: string;
  /** 1 when customers may pay invoices online (read by the payments module). */
  payments_enabled: number;
  payment_provider: PaymentProviderName;
  /** Basis points: 2000 = 20 %. */
  default_tax_rate_bp: number;
  invoice_due_days: number;
  approved_estimate_action: ApprovedEstimateAction;
  pdf_footer: string;
  default_terms: string;
  updated_at: string;
}

/**
 * An estimate or an invoice. Shared with the payments module (docs/billing.md, "contract"):
 * it maintains `amount_paid_minor` / `paid_at` and moves invoices between 'open' and 'paid'.
 */
export interface BillingDocumentsTable {
  id: string;
  company_id: string;
  kind: DocumentKind;
  /** EST-00001 / INV-00001, gapless per company and kind. */
  number: string;
  job_id: string;
  customer_id: string;
  currency: string;
  status: DocumentStatus;
  /** Visible in the portal only when 1 and status is not 'draft'. */
  shared: number;
  shared_at: string | null;
  subtotal_minor: number;
  discount_minor: number;
  tax_minor: number;
  total_minor: number;
  amount_paid_minor: number;
  paid_at: string | null;
  due_at: string | null;
  issued_at: string | null;
  title: string;
  notes: string;
  terms: string;
  chosen_option_id: string | null;
  signer_name: string | null;
  approved_at: string | null;
  approval_ip: string | null;
  declined_at: string | null;
  decline_reason: string | null;
  voided_at: string | null;
  source_estimate_id: string | null;
  converted_invoice_id: string | null;
  resulting_job_id: string | null;
  resulting_appointment_id: string | null;
  created_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface BillingDocumentOptionsTable {
  id: string;
  company_id: string;
  document_id: string;
  position: number;
  title: string;
  description: string;
  discount_kind: DiscountKind | null;
  /** Basis points for 'percent', minor units for 'amount', 0 without a discount. */
  discount_value: number;
  subtotal_minor: number;
  discount_minor: number;
  tax_minor: number;
  total_minor: number;
}

export interface BillingDocumentLinesTable {
  id: string;
  company_id: string;
  document_id: string;
  option_id: string;
  position: number;
  kind: LineKind;
  description: string;
  /** Thousandths: 1.5 hours = 1500. */
  quantity_milli: number;
  unit_price_minor: number;
  discount_kind: DiscountKind | null;
  discount_value: number;
  tax_rate_bp: number;
  amount_minor: number;
  discount_minor: number;
  net_minor: number;
}

export type BillingSettingsRow = Selectable<BillingSettingsTable>;
export type BillingDocumentRow = Selectable<BillingDocumentsTable>;
export type BillingDocumentOptionRow = Selectable<BillingDocumentOptionsTable>;
export type BillingDocumentLineRow = Selectable<BillingDocumentLinesTable>;
