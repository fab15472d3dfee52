import { stringify } from 'csv-stringify/sync';
import { minorToDecimalString } from '../../../shared/money.js';
import type { InvoiceSummaryDto, PaymentDto } from './payments.service.js';

/**
 * A spreadsheet opening the file would run a cell starting with = + - @ (or a tab/CR) as a
 * formula: such cells get a leading apostrophe (OWASP "CSV injection"). Amounts are written by
 * us as plain decimals and never need it, except negatives, which are left as numbers.
 */
export function safeCell(value: string | null | undefined): string {
  const text = value ?? '';
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const amount = (minor: number, currency: string) => minorToDecimalString(minor, currency);

export function invoicesCsv(invoices: InvoiceSummaryDto[]): string {
  return stringify(
    invoices.map((i) => [
      safeCell(i.number),
      i.issuedAt ?? '',
      i.dueAt ?? '',
      i.status,
      i.overdue ? 'yes' : 'no',
      safeCell(i.customerName),
      safeCell(i.jobReference),
      safeCell(i.title),
      i.currency,
      amount(i.totalMinor, i.currency),
      amount(i.amountPaidMinor, i.currency),
      amount(i.balanceMinor, i.currency),
      i.paidAt ?? '',
    ]),
    { header: true, columns: ['number', 'issued_at', 'due_at', 'status', 'overdue', 'customer', 'job', 'title', 'currency', 'total', 'paid', 'balance', 'paid_at'] },
  );
}

export function paymentsCsv(payments: PaymentDto[]): string {
  return stringify(
    payments.map((p) => [
      safeCell(p.receiptNumber),
      p.succeededAt ?? p.createdAt,
      p.status,
      p.method,
      p.provider ?? '',
      safeCell(p.documentNumber),
      safeCell(p.customerName),
      safeCell(p.jobReference),
      p.currency,
      amount(p.amountMinor, p.currency),
      amount(p.amountRefundedMinor, p.currency),
      amount(p.status === 'succeeded' ? p.amountMinor - p.amountRefundedMinor : 0, p.currency),
      p.cardBrand && p.cardLast4 ? `${p.cardBrand} ${p.cardLast4}` : '',
      safeCell(p.reference),
      safeCell(p.note),
    ]),
    { header: true, columns: ['receipt', 'date', 'status', 'method', 'provider', 'invoice', 'customer', 'job', 'currency', 'amount', 'refunded', 'net', 'card', 'reference', 'note'] },
  );
}
