import type { Selectable } from 'kysely';
import type { ProviderName } from './payment-provider.js';

export type PaymentStatus = 'pending' | 'succeeded' | 'failed' | 'canceled';
/** How the money came: through a provider in Arrivo ('card'), or recorded by staff. */
export type PaymentMethodKind = 'card' | 'cash' | 'check' | 'bank_transfer' | 'card_external' | 'other';

/**
 * One attempt to pay an invoice, or a payment staff recorded. Money is minor units of the
 * invoice's currency. `open_key` is the invoice id while the attempt is pending and null after:
 * unique, so an invoice has at most one open attempt (two tabs, ten clicks: one charge).
 */
export interface PaymentsTable {
  id: string;
  company_id: string;
  document_id: string;
  job_id: string;
  customer_id: string;
  method: PaymentMethodKind;
  provider: ProviderName | null;
  provider_payment_id: string | null;
  checkout_session_id: string | null;
  checkout_url: string | null;
  status: PaymentStatus;
  amount_minor: number;
  currency: string;
  /** Succeeded refunds of this payment, kept equal to the sum of its refund rows. */
  amount_refunded_minor: number;
  open_key: string | null;
  /** The key the client sent (Idempotency-Key): the same key answers the same attempt. */
  client_key: string | null;
  failure_message: string | null;
  card_brand: string | null;
  card_last4: string | null;
  /** Check number, transfer reference… */
  reference: string | null;
  note: string | null;
  save_method: number;
  autopay: number;
  payer_contact_id: string | null;
  recorded_by: string | null;
  /** The receipt's number, given when the payment succeeds (RCT-00001). */
  receipt_number: string | null;
  succeeded_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface PaymentRefundsTable {
  id: string;
  company_id: string;
  payment_id: string;
  amount_minor: number;
  status: 'pending' | 'succeeded' | 'failed';
  provider_refund_id: string | null;
  reason: string | null;
  recorded_by: string | null;
  created_at: string;
  updated_at: string;
}

/** Each provider event processed once: a redelivery finds its row and changes nothing. */
export interface PaymentWebhookEventsTable {
  provider: ProviderName;
  event_id: string;
  type: string;
  payment_id: string | null;
  received_at: string;
}

/** A company's payment settings; a company without a row uses DEFAULT_PAYMENT_SETTINGS. */
export interface PaymentSettingsTable {
  company_id: string;
  allow_partial_payments: number;
  /** JSON array of days after the due date on which an overdue reminder goes out, e.g. [1,7,14]. */
  reminder_days: string;
  updated_at: string;
}

/** One overdue reminder per invoice and step (days after due): planning twice plans once. */
export interface PaymentRemindersTable {
  document_id: string;
  step_days: number;
  company_id: string;
  planned_at: string;
}

/** A customer's account at a provider, their default saved card and auto-pay choice. */
export interface PaymentProfilesTable {
  company_id: string;
  customer_id: string;
  provider: ProviderName;
  provider_customer_ref: string;
  default_payment_method_id: string | null;
  autopay_enabled: number;
  updated_at: string;
}

/** The offline provider's own ledger, standing in for a processor's records (offline-payment-provider.ts). */
export interface OfflineCardPaymentsTable {
  id: string;
  payment_id: string | null;
  amount_minor: number;
  currency: string;
  status: PaymentStatus;
  amount_received_minor: number;
  failure_message: string | null;
  card_brand: string | null;
  card_last4: string | null;
  payment_method_id: string | null;
  customer_ref: string | null;
  idempotency_key: string;
  created_at: string;
  updated_at: string;
}

export interface OfflineCardRefundsTable {
  id: string;
  provider_payment_id: string;
  amount_minor: number;
  idempotency_key: string;
  created_at: string;
}

export interface OfflinePaymentMethodsTable {
  id: string;
  customer_ref: string;
  brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
  detached_at: string | null;
  idempotency_key: string;
  created_at: string;
}

export type PaymentRow = Selectable<PaymentsTable>;
export type PaymentRefundRow = Selectable<PaymentRefundsTable>;
export type PaymentSettingsRow = Selectable<PaymentSettingsTable>;
export type PaymentProfileRow = Selectable<PaymentProfilesTable>;
