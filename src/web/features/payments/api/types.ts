import type { Static } from 'typebox';
import { decimalStringToMinor } from '../../../../shared/money.js';
export { formatMoney } from '../../../lib/format.js';
import type { InvoiceSummary as InvoiceSummarySchema, Payment as PaymentSchema, PaymentSettings as PaymentSettingsSchema } from '../../../../server/modules/payments/payments.schemas.js';

/** The payments API's answers, typed from the server's schemas (type-only). */
export type Payment = Static<typeof PaymentSchema>;
export type InvoiceSummary = Static<typeof InvoiceSummarySchema>;
export type PaymentSettings = Static<typeof PaymentSettingsSchema>;
export type InvoiceFilter = 'open' | 'overdue' | 'paid' | 'void' | 'all';
export type RecordedMethod = 'cash' | 'check' | 'bank_transfer' | 'card_external' | 'other';

/** What staff typed ("120.5") in minor units, or null when it is not an amount. */
export const parseAmount = (text: string, currency: string): number | null => decimalStringToMinor(text, currency);

/** Minor units as the plain decimal a form field starts with: 12345 → "123.45". */
export function toDecimal(minor: number, currency: string): string {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return digits === 0 ? String(minor) : (minor / 10 ** digits).toFixed(digits);
}
