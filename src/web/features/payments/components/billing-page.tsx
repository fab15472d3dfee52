import { useEffect, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'wouter';
import { Alert, Badge, Button, ButtonLink, Dialog, EmptyState, Field, PageHeader, Select, Skeleton, TextInput, useToast, type Tone } from '../../../components/ui/index.js';
import { formErrors } from '../../../lib/form-errors.js';
import { formatDateTime, formatDay, zonedToIso } from '../../../lib/format.js';
import { defineMessages } from '../../../lib/i18n.js';
import { useLiveEvents } from '../../../lib/live-events.js';
import { invoicesCsvUrl, paymentsCsvUrl, staffReceiptUrl } from '../api/export-urls.js';
import { useInvoices } from '../api/get-invoices.js';
import { usePayments } from '../api/get-payments.js';
import { useRecordPayment } from '../api/record-payment.js';
import { useRefundPayment } from '../api/refund-payment.js';
import { formatMoney, parseAmount, toDecimal, type InvoiceFilter, type InvoiceSummary, type Payment, type RecordedMethod } from '../api/types.js';
import { useMe } from '../api/get-me.js';
import { PaymentSettingsCard } from './payment-settings-card.js';
import './payments.css';

const t = defineMessages({
  en: {
    documentTitle: 'Billing',
    title: 'Billing',
    subtitle: 'Invoices and their balance, payments and refunds. Payments made online appear here as they happen.',
    invoices: 'Invoices',
    payments: 'Payments',
    filter: 'Show',
    open: 'Open',
    overdue: 'Overdue',
    paid: 'Paid',
    void: 'Void',
    all: 'All',
    colNumber: 'Invoice',
    colCustomer: 'Customer',
    colJob: 'Job',
    colDue: 'Due',
    colTotal: 'Total',
    colBalance: 'Balance',
    colStatus: 'Status',
    colDate: 'Date',
    colAmount: 'Amount',
    colMethod: 'Method',
    colReceipt: 'Receipt',
    record: 'Record payment',
    refund: 'Refund',
    noInvoices: 'No invoices here.',
    noInvoicesBody: 'Issued invoices appear here with what is left to pay on each.',
    noPayments: 'No payments in this period.',
    from: 'From',
    to: 'To',
    exportInvoices: 'Export invoices (CSV)',
    exportPayments: 'Export payments (CSV)',
    recordTitle: 'Record a payment for {number}',
    recordHint: 'Left to pay: {balance}. Partial payments are fine.',
    amount: 'Amount',
    method: 'Method',
    reference: 'Reference (check number, transfer…)',
    note: 'Note',
    save: 'Record payment',
    cancel: 'Cancel',
    recorded: 'Payment of {amount} recorded on {number}.',
    refundTitle: 'Refund payment {number}',
    refundHint: 'Up to {max} can still be refunded. Card payments are refunded to the card; others are recorded as paid back.',
    reason: 'Reason',
    doRefund: 'Refund',
    refunded: 'Refund of {amount} done.',
    amountInvalid: 'Enter an amount such as 120.50.',
    cash: 'Cash',
    check: 'Check',
    bank_transfer: 'Bank transfer',
    card_external: 'Card (outside Arrivo)',
    other: 'Other',
    card: 'Card',
    status_open: 'Open',
    status_paid: 'Paid',
    status_void: 'Void',
    status_pending: 'Processing',
    status_succeeded: 'Received',
    status_failed: 'Failed',
    status_canceled: 'Cancelled',
    refundedAmount: 'refunded {amount}',
    loadError: 'We could not load this list: {message}',
  },
});

const METHODS: RecordedMethod[] = ['cash', 'check', 'bank_transfer', 'card_external', 'other'];
const FILTERS: InvoiceFilter[] = ['open', 'overdue', 'paid', 'void', 'all'];
const statusTone = (status: string, overdue = false): Tone => (overdue ? 'danger' : status === 'paid' || status === 'succeeded' ? 'success' : status === 'open' || status === 'pending' ? 'info' : status === 'failed' ? 'danger' : 'neutral');

/** /console/billing — invoices with their balance (filters), payments, record payment and refund, CSV exports; live. */
export function BillingPage() {
  const [filter, setFilter] = useState<InvoiceFilter>('open');
  const [fromDay, setFromDay] = useState('');
  const [toDay, setToDay] = useState('');
  const range = { ...(fromDay ? { from: zonedToIso(fromDay, '00:00') } : {}), ...(toDay ? { to: zonedToIso(nextDay(toDay), '00:00') } : {}) };
  const invoices = useInvoices(filter);
  const payments = usePayments(range);
  const [recording, setRecording] = useState<InvoiceSummary | null>(null);
  const [refunding, setRefunding] = useState<Payment | null>(null);
  const queryClient = useQueryClient();
  const me = useMe();

  useEffect(() => {
    document.title = t('documentTitle');
  }, []);
  // A customer paying online rings every dispatcher's bell (invoice_paid), and each billing step is a
  // job timeline entry: either live event refreshes the lists.
  useLiveEvents('/api/events', (event) => {
    if (event.kind === 'notification' || event.kind === 'job') void queryClient.invalidateQueries({ queryKey: ['payments'] });
  });

  return (
    <div className="stack console-billing">
      <PageHeader
        title={t('title')}
        subtitle={t('subtitle')}
        actions={
          <div className="row">
            <ButtonLink href={invoicesCsvUrl(range)} variant="secondary" size="small" external download>
              {t('exportInvoices')}
            </ButtonLink>
            <ButtonLink href={paymentsCsvUrl(range)} variant="secondary" size="small" external download>
              {t('exportPayments')}
            </ButtonLink>
          </div>
        }
      />
      <section className="stack-sm" aria-labelledby="billing-invoices">
        <div className="row-between">
          <h2 id="billing-invoices" className="console-billing__heading">
            {t('invoices')}
          </h2>
          <div className="console-billing__filters" role="group" aria-label={t('filter')}>
            {FILTERS.map((f) => (
              <Button key={f} size="small" variant={filter === f ? 'primary' : 'secondary'} aria-pressed={filter === f} onClick={() => setFilter(f)}>
                {t(f)}
              </Button>
            ))}
          </div>
        </div>
        {invoices.isError && !invoices.data ? (
          <Alert>{t('loadError', { message: invoices.error.message })}</Alert>
        ) : invoices.data?.items.length === 0 ? (
          <div className="ui-table-wrap">
            <EmptyState title={t('noInvoices')}>{t('noInvoicesBody')}</EmptyState>
          </div>
        ) : (
          <div className="ui-table-wrap">
            <table className="ui-table">
              <thead>
                <tr>
                  <th scope="col">{t('colNumber')}</th>
                  <th scope="col">{t('colCustomer')}</th>
                  <th scope="col">{t('colJob')}</th>
                  <th scope="col">{t('colDue')}</th>
                  <th scope="col" className="console-billing__num">
                    {t('colTotal')}
                  </th>
                  <th scope="col" className="console-billing__num">
                    {t('colBalance')}
                  </th>
                  <th scope="col">{t('colStatus')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('record')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {invoices.isPending
                  ? Array.from({ length: 5 }, (_, i) => (
                      <tr key={i}>
                        {Array.from({ length: 8 }, (__, j) => (
                          <td key={j}>
                            <Skeleton height={14} width={60} />
                          </td>
                        ))}
                      </tr>
                    ))
                  : invoices.data.items.map((invoice) => (
                      <tr key={invoice.id} data-invoice={invoice.number}>
                        <td data-label={t('colNumber')} className="console-billing__nowrap">
                          <Link href={`/console/documents/${invoice.id}`}>{invoice.number}</Link>
                        </td>
                        <td data-label={t('colCustomer')}>{invoice.customerName}</td>
                        <td data-label={t('colJob')}>
                          <Link href={`/console/jobs/${invoice.jobId}`}>{invoice.jobReference}</Link>
                        </td>
                        <td data-label={t('colDue')}>{invoice.dueAt ? formatDay(invoice.dueAt) : '—'}</td>
                        <td data-label={t('colTotal')} className="console-billing__num">
                          {formatMoney(invoice.totalMinor, invoice.currency)}
                        </td>
                        <td data-label={t('colBalance')} className="console-billing__num">
                          {formatMoney(invoice.balanceMinor, invoice.currency)}
                        </td>
                        <td data-label={t('colStatus')}>
                          <Badge tone={statusTone(invoice.status, invoice.overdue)}>{invoice.overdue ? t('overdue') : t(`status_${invoice.status}` as 'status_open')}</Badge>
                        </td>
                        <td>
                          {invoice.status === 'open' && (
                            <Button size="small" variant="secondary" onClick={() => setRecording(invoice)}>
                              {t('record')}
                            </Button>
                          )}
                        </td>
                      </tr>
                    ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="stack-sm" aria-labelledby="billing-payments">
        <div className="row-between">
          <h2 id="billing-payments" className="console-billing__heading">
            {t('payments')}
          </h2>
          <div className="console-billing__range">
            <Field label={t('from')}>
              <TextInput type="date" value={fromDay} onChange={(e) => setFromDay(e.target.value)} />
            </Field>
            <Field label={t('to')}>
              <TextInput type="date" value={toDay} onChange={(e) => setToDay(e.target.value)} />
            </Field>
          </div>
        </div>
        {payments.isError && !payments.data ? (
          <Alert>{t('loadError', { message: payments.error.message })}</Alert>
        ) : payments.data?.items.length === 0 ? (
          <div className="ui-table-wrap">
            <EmptyState title={t('noPayments')} />
          </div>
        ) : (
          <div className="ui-table-wrap">
            <table className="ui-table">
              <thead>
                <tr>
                  <th scope="col">{t('colDate')}</th>
                  <th scope="col">{t('colCustomer')}</th>
                  <th scope="col">{t('colNumber')}</th>
                  <th scope="col">{t('colMethod')}</th>
                  <th scope="col" className="console-billing__num">
                    {t('colAmount')}
                  </th>
                  <th scope="col">{t('colStatus')}</th>
                  <th scope="col">{t('colReceipt')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('refund')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {(payments.data?.items ?? []).map((payment) => (
                  <tr key={payment.id} data-payment={payment.receiptNumber ?? payment.id}>
                    <td data-label={t('colDate')} className="console-billing__nowrap">{formatDateTime(payment.succeededAt ?? payment.createdAt)}</td>
                    <td data-label={t('colCustomer')}>{payment.customerName}</td>
                    <td data-label={t('colNumber')} className="console-billing__nowrap">{payment.documentNumber}</td>
                    <td data-label={t('colMethod')} className="console-billing__nowrap">
                      {t(payment.method)}
                      {payment.cardLast4 && <span className="muted small"> ·· {payment.cardLast4}</span>}
                    </td>
                    <td data-label={t('colAmount')} className="console-billing__num">
                      {formatMoney(payment.amountMinor, payment.currency)}
                      {payment.amountRefundedMinor > 0 && <span className="muted small console-billing__refunded">{t('refundedAmount', { amount: formatMoney(payment.amountRefundedMinor, payment.currency) })}</span>}
                    </td>
                    <td data-label={t('colStatus')}>
                      <Badge tone={statusTone(payment.status)}>{t(`status_${payment.status}` as 'status_open')}</Badge>
                    </td>
                    <td data-label={t('colReceipt')} className="console-billing__nowrap">
                      {payment.receiptNumber && (
                        <a href={staffReceiptUrl(payment.id)} target="_blank" rel="noreferrer">
                          {payment.receiptNumber}
                        </a>
                      )}
                    </td>
                    <td>
                      {payment.status === 'succeeded' && payment.amountRefundedMinor < payment.amountMinor && (
                        <Button size="small" variant="secondary" onClick={() => setRefunding(payment)}>
                          {t('refund')}
                        </Button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {me.data?.role === 'admin' && <PaymentSettingsCard />}
      <RecordDialog invoice={recording} onClose={() => setRecording(null)} />
      <RefundDialog payment={refunding} onClose={() => setRefunding(null)} />
    </div>
  );
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

function RecordDialog({ invoice, onClose }: { invoice: InvoiceSummary | null; onClose(): void }) {
  const record = useRecordPayment();
  const toast = useToast();
  const [amount, setAmount] = useState('');
  const [method, setMethod] = useState<RecordedMethod>('cash');
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const [local, setLocal] = useState<string | undefined>();
  useEffect(() => {
    if (invoice) {
      setAmount(toDecimal(invoice.balanceMinor, invoice.currency));
      setReference('');
      setNote('');
      setLocal(undefined);
      record.reset();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset when another invoice opens the dialog
  }, [invoice?.id]);
  if (!invoice) return <Dialog open={false} title="" onClose={onClose}>{null}</Dialog>;
  const errors = formErrors(record.error, ['amount', 'method']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const minor = parseAmount(amount, invoice.currency);
    if (minor === null || minor <= 0) return setLocal(t('amountInvalid'));
    setLocal(undefined);
    record.mutate(
      { documentId: invoice.id, input: { amount: minor, method, reference: reference || null, note: note || null } },
      {
        onSuccess: () => {
          toast.show(t('recorded', { amount: formatMoney(minor, invoice.currency), number: invoice.number }));
          onClose();
        },
      },
    );
  };
  return (
    <Dialog open title={t('recordTitle', { number: invoice.number })} onClose={onClose}>
      <form className="stack-sm" onSubmit={submit} noValidate>
        <p className="muted small">{t('recordHint', { balance: formatMoney(invoice.balanceMinor, invoice.currency) })}</p>
        <Field label={t('amount')} error={local ?? errors.fields.amount}>
          <TextInput inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
        </Field>
        <Field label={t('method')} error={errors.fields.method}>
          <Select value={method} onChange={(e) => setMethod(e.target.value as RecordedMethod)}>
            {METHODS.map((m) => (
              <option key={m} value={m}>
                {t(m)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('reference')}>
          <TextInput value={reference} onChange={(e) => setReference(e.target.value)} maxLength={200} />
        </Field>
        <Field label={t('note')}>
          <TextInput value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
        </Field>
        {errors.message && <Alert>{errors.message}</Alert>}
        <div className="row">
          <Button type="submit" loading={record.isPending}>
            {t('save')}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            {t('cancel')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function RefundDialog({ payment, onClose }: { payment: Payment | null; onClose(): void }) {
  const refund = useRefundPayment();
  const toast = useToast();
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [local, setLocal] = useState<string | undefined>();
  const max = payment ? payment.amountMinor - payment.amountRefundedMinor : 0;
  useEffect(() => {
    if (payment) {
      setAmount(toDecimal(payment.amountMinor - payment.amountRefundedMinor, payment.currency));
      setReason('');
      setLocal(undefined);
      refund.reset();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset when another payment opens the dialog
  }, [payment?.id]);
  if (!payment) return <Dialog open={false} title="" onClose={onClose}>{null}</Dialog>;
  const errors = formErrors(refund.error, ['amount']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const minor = parseAmount(amount, payment.currency);
    if (minor === null || minor <= 0) return setLocal(t('amountInvalid'));
    setLocal(undefined);
    refund.mutate(
      { paymentId: payment.id, input: { amount: minor, reason: reason || null } },
      {
        onSuccess: () => {
          toast.show(t('refunded', { amount: formatMoney(minor, payment.currency) }));
          onClose();
        },
      },
    );
  };
  return (
    <Dialog open title={t('refundTitle', { number: payment.receiptNumber ?? '' })} onClose={onClose}>
      <form className="stack-sm" onSubmit={submit} noValidate>
        <p className="muted small">{t('refundHint', { max: formatMoney(max, payment.currency) })}</p>
        <Field label={t('amount')} error={local ?? errors.fields.amount}>
          <TextInput inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
        </Field>
        <Field label={t('reason')}>
          <TextInput value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
        </Field>
        {errors.message && <Alert>{errors.message}</Alert>}
        <div className="row">
          <Button type="submit" variant="danger" loading={refund.isPending}>
            {t('doRefund')}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            {t('cancel')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
