import type { TimelineEntry } from './api-types.js';
import { formatMoney } from './format.js';
import { defineMessages } from './i18n.js';

/**
 * How a job's timeline reads the steps of its estimates, invoices and payments, for the office
 * (every step, with who did it) and for the customer (the steps they see, in their words). Both
 * job pages use it; the billing features write the entries (docs/billing.md, docs/payments.md).
 */
const t = defineMessages({
  en: {
    estimate: 'Estimate',
    invoice: 'Invoice',
    created: '{kind} {number} created by {actor}',
    fromEstimate: 'From estimate {number}.',
    updated: '{kind} {number} edited by {actor}',
    shared: '{kind} {number} shared with the customer by {actor}',
    unshared: '{kind} {number} hidden from the portal by {actor}',
    issued: '{kind} {number} issued by {actor}',
    voided: '{kind} {number} voided by {actor}',
    approved: 'Estimate {number} approved by {signer}',
    approvedBody: '{option}{amount} · signed from {ip}',
    approvedOption: 'Option "{title}" · ',
    declined: 'Estimate {number} declined by {actor}',
    reason: 'Reason: {reason}',
    visitRequested: 'Approved work on estimate {number} is waiting for a visit to be scheduled',
    paymentReceived: 'Payment of {amount} on invoice {number} ({method})',
    paymentBalance: 'Balance now {balance}.',
    receipt: 'Receipt {receipt}.',
    refunded: 'Refund of {amount} on invoice {number} by {actor}',
    paid: 'Invoice {number} paid in full',
    reopened: 'Invoice {number} is open again: {amount} due',
    reminder: 'Payment reminder sent for invoice {number}: {amount} due',
    autopayFailed: 'Automatic payment of {amount} on invoice {number} failed',
    method_card: 'card',
    method_cash: 'cash',
    method_check: 'check',
    method_bank_transfer: 'bank transfer',
    method_card_external: 'card, taken outside Arrivo',
    method_other: 'other',
    yourEstimateShared: 'Your estimate {number} is ready',
    yourInvoiceShared: 'Your invoice {number} is ready',
    yourApproval: 'Estimate {number} approved by {name}',
    yourOption: 'Option: {title}',
    yourDecline: 'Estimate {number} declined',
    estimateWithdrawn: 'Estimate {number} was withdrawn',
    invoiceCancelled: 'Invoice {number} was cancelled',
    yourPayment: 'Payment of {amount} received on invoice {number}',
    yourRefund: 'Refund of {amount} on invoice {number}',
    yourReminder: 'Reminder: invoice {number} has {amount} due',
  },
});

type Described = { title: string; body?: string } | undefined;

const str = (value: unknown) => (typeof value === 'string' ? value : '');

function amounts(entry: TimelineEntry) {
  const d = entry.data;
  const currency = str(d.currency);
  const money = (value: unknown) => (typeof value === 'number' && currency ? formatMoney(value, currency) : '');
  return { number: str(d.number), amount: money(d.amountMinor), balance: money(d.balanceMinor) };
}

const methodLabel = (method: string) => (method ? t(`method_${method}` as 'method_card') : t('method_other'));

/** The office's reading of a billing step; undefined for any other entry. */
export function describeBillingEntryForStaff(entry: TimelineEntry): Described {
  const d = entry.data;
  const { number, amount, balance } = amounts(entry);
  const actor = entry.actor.name;
  switch (entry.type) {
    case 'job.visit_requested':
      return { title: t('visitRequested', { number }) };
    case 'payment.received':
      return {
        title: t('paymentReceived', { amount, number, method: methodLabel(str(d.method)) }),
        body: [balance && t('paymentBalance', { balance }), str(d.receiptNumber) && t('receipt', { receipt: str(d.receiptNumber) })].filter(Boolean).join(' '),
      };
    case 'payment.refunded':
      return { title: t('refunded', { amount, number, actor }), ...(balance && { body: t('paymentBalance', { balance }) }) };
    case 'invoice.paid':
      return { title: t('paid', { number }), body: amount };
    case 'invoice.reopened':
      return { title: t('reopened', { number, amount }) };
    case 'invoice.payment_reminder':
      return { title: t('reminder', { number, amount }) };
    case 'payment.autopay_failed':
      return { title: t('autopayFailed', { amount, number }), ...(str(d.reason) && { body: t('reason', { reason: str(d.reason) }) }) };
  }
  const [subject, step] = entry.type.split('.') as [string, string];
  if (subject !== 'estimate' && subject !== 'invoice') return undefined;
  const kind = subject === 'estimate' ? t('estimate') : t('invoice');
  switch (step) {
    case 'created':
      return { title: t('created', { kind, number, actor }), ...(str(d.fromEstimate) && { body: t('fromEstimate', { number: str(d.fromEstimate) }) }) };
    case 'updated':
    case 'shared':
    case 'unshared':
    case 'issued':
    case 'voided':
      return { title: t(step, { kind, number, actor }), ...(amount && step === 'shared' && { body: amount }) };
    case 'approved':
      return {
        title: t('approved', { number, signer: str(d.signerName) || actor }),
        body: t('approvedBody', { option: str(d.optionTitle) ? t('approvedOption', { title: str(d.optionTitle) }) : '', amount, ip: str(d.ip) || '—' }),
      };
    case 'declined':
      return { title: t('declined', { number, actor }), ...(str(d.reason) && { body: t('reason', { reason: str(d.reason) }) }) };
    default:
      return undefined;
  }
}

/** The customer's reading of a billing step (only customer-visible entries reach them); undefined for any other entry. */
export function describeBillingEntryForCustomer(entry: TimelineEntry): Described {
  const d = entry.data;
  const { number, amount, balance } = amounts(entry);
  switch (entry.type) {
    case 'estimate.shared':
      return { title: t('yourEstimateShared', { number }), body: amount };
    case 'invoice.shared':
      return { title: t('yourInvoiceShared', { number }), body: amount };
    case 'estimate.approved':
      return { title: t('yourApproval', { number, name: str(d.signerName) || entry.actor.name }), ...(str(d.optionTitle) && { body: t('yourOption', { title: str(d.optionTitle) }) }) };
    case 'estimate.declined':
      return { title: t('yourDecline', { number }), ...(str(d.reason) && { body: t('reason', { reason: str(d.reason) }) }) };
    case 'estimate.voided':
      return { title: t('estimateWithdrawn', { number }) };
    case 'invoice.voided':
      return { title: t('invoiceCancelled', { number }) };
    case 'payment.received':
      return { title: t('yourPayment', { amount, number }), ...(balance && { body: t('paymentBalance', { balance }) }) };
    case 'payment.refunded':
      return { title: t('yourRefund', { amount, number }) };
    case 'invoice.paid':
      return { title: t('paid', { number }), body: amount };
    case 'invoice.payment_reminder':
      return { title: t('yourReminder', { number, amount }) };
    case 'payment.autopay_failed':
      return { title: t('autopayFailed', { amount, number }), ...(str(d.reason) && { body: t('reason', { reason: str(d.reason) }) }) };
    default:
      return undefined;
  }
}
