import type { Static } from 'typebox';
import { decimalStringToMinor } from '../../../../shared/money.js';
export { formatMoney } from '../../../lib/format.js';
import type { BillingOverview as BillingOverviewSchema, InvoiceSummary as InvoiceSummarySchema, Payment as PaymentSchema, PayOptions as PayOptionsSchema } from '../../../../server/modules/payments/payments.schemas.js';

/** The payments API's answers, typed from the server's schemas (type-only: nothing of the server is bundled). */
export type Payment = Static<typeof PaymentSchema>;
export type InvoiceSummary = Static<typeof InvoiceSummarySchema>;
export type PayOptions = Omit<Static<typeof PayOptionsSchema>, 'invoice' | 'payments'> & { invoice: InvoiceSummary; payments: Payment[] };
export type BillingOverview = Omit<Static<typeof BillingOverviewSchema>, 'invoices' | 'payments'> & { invoices: InvoiceSummary[]; payments: Payment[] };

/** A decimal the customer typed ("12.5") in minor units, or null when it is not an amount. */
export const parseAmount = (text: string, currency: string): number | null => decimalStringToMinor(text.trim().replace(',', '.'), currency);
