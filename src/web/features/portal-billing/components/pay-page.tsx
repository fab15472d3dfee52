import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useParams, useSearch } from 'wouter';
import { Alert, Badge, Button, ButtonLink, Card, CardHeader, Checkbox, Field, PageHeader, Skeleton, Spinner, TextInput } from '../../../components/ui/index.js';
import { ApiError } from '../../../lib/api-client.js';
import { fieldMessage, formErrors } from '../../../lib/form-errors.js';
import { formatDateTime, formatDay } from '../../../lib/format.js';
import { defineMessages } from '../../../lib/i18n.js';
import { receiptUrl, usePayment } from '../api/get-payment.js';
import { usePayOptions } from '../api/get-pay-options.js';
import { usePayInvoice } from '../api/pay-invoice.js';
import { formatMoney, parseAmount, type Payment, type PayOptions } from '../api/types.js';
import { minorToDecimalString } from '../../../../shared/money.js';
import './portal-billing.css';

const t = defineMessages({
  en: {
    documentTitle: 'Pay invoice {number}',
    title: 'Pay invoice {number}',
    back: 'Back to the invoice',
    total: 'Invoice total',
    paid: 'Paid so far',
    balance: 'Left to pay',
    due: 'Due {date}',
    overdue: 'Overdue since {date}',
    amount: 'Amount to pay',
    amountHint: 'You can pay part of the balance now and the rest later.',
    amountInvalid: 'Enter an amount such as 120.50.',
    payWith: 'Pay with',
    payment: 'Your payment',
    newCard: 'A new card',
    savedCard: '{brand} ending {last4} (expires {month}/{year})',
    cardNumber: 'Card number',
    expiry: 'Expiry (MM/YY)',
    expiryInvalid: 'Enter the expiry as MM/YY, for example 08/29.',
    cvc: 'Security code',
    nameOnCard: 'Name on the card',
    saveCard: 'Save this card for next time (and for auto-pay)',
    testHint: 'Demo mode: pay with the test card 4242 4242 4242 4242, any future expiry and any 3 digits. 4000 0000 0000 0002 is declined.',
    payButton: 'Pay {amount}',
    continueToStripe: 'Continue to secure payment ({amount})',
    stripeNote: 'You will enter your card on Stripe’s secure page and come back here.',
    processing: 'Processing your payment…',
    processingHint: 'This page updates by itself as soon as the card processor confirms the payment. You can leave it; we will email your receipt.',
    succeeded: 'Payment received. Thank you!',
    receiptLine: 'Receipt {number}: {amount} paid on {date}.',
    downloadReceipt: 'Download the receipt (PDF)',
    failed: 'The payment did not go through: {reason}',
    tryAgain: 'Try again',
    cancelled: 'You left the payment page. Nothing was charged.',
    alreadyPaid: 'This invoice is paid. Thank you!',
    void: 'This invoice was cancelled: there is nothing to pay.',
    disabled: 'Online payment is not available for this invoice. Please pay as agreed with the company.',
    history: 'Payments on this invoice',
    noHistory: 'No payments yet.',
    notFound: 'We could not find this invoice. It may have been withdrawn, or the link is for another account.',
    loadError: 'We could not load this invoice. Check your connection and try again.',
    retry: 'Try again',
    refunded: 'refunded {amount}',
  },
});

const newKey = () => (typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`);

/** /portal/jobs/:jobId/documents/:documentId/pay — pay an invoice by card (job-link holders too), then see the receipt. */
export function PayPage() {
  const { jobId, documentId } = useParams<{ jobId: string; documentId: string }>();
  const search = new URLSearchParams(useSearch());
  const returnedPayment = search.get('payment');
  const options = usePayOptions(jobId, documentId);
  // Back from Stripe's page: follow that payment (unless the customer cancelled there).
  const [paymentId, setPaymentId] = useState<string | null>(search.get('cancelled') ? null : returnedPayment);
  const payment = usePayment(jobId, paymentId);

  useEffect(() => {
    if (options.data) document.title = t('documentTitle', { number: options.data.invoice.number });
  }, [options.data]);

  // Settled while waiting: the invoice's figures changed too.
  const settled = payment.data && payment.data.status !== 'pending';
  const { refetch } = options;
  useEffect(() => {
    if (settled) void refetch();
  }, [settled, refetch]);

  if (options.isPending) {
    return (
      <div className="stack" aria-busy="true">
        <Skeleton height={32} width="60%" />
        <Skeleton height={140} />
        <Skeleton height={220} />
      </div>
    );
  }
  if (options.isError) {
    const missing = options.error instanceof ApiError && (options.error.status === 404 || options.error.status === 401 || options.error.status === 403);
    return (
      <Alert>
        <span className="row-between">
          {missing ? t('notFound') : t('loadError')}
          {!missing && (
            <Button size="small" variant="secondary" onClick={() => void options.refetch()}>
              {t('retry')}
            </Button>
          )}
        </span>
      </Alert>
    );
  }
  const data = options.data;
  const invoice = data.invoice;
  const current = payment.data;

  return (
    <div className="stack pay-page">
      <PageHeader
        title={t('title', { number: invoice.number })}
        subtitle={
          <Link href={`/portal/jobs/${jobId}/documents/${documentId}`} className="small">
            ← {t('back')}
          </Link>
        }
      />
      <InvoiceFigures data={data} />
      {current && current.status === 'pending' && !search.get('cancelled') ? (
        <Card>
          <div className="pay-page__processing" role="status" aria-live="polite">
            <Spinner label={t('processing')} />
            <div>
              <p className="pay-page__processing-title">{t('processing')}</p>
              <p className="muted small">{t('processingHint')}</p>
            </div>
          </div>
        </Card>
      ) : current && current.status === 'succeeded' ? (
        <Receipt jobId={jobId} payment={current} />
      ) : invoice.status === 'paid' ? (
        <Alert tone="success">{t('alreadyPaid')}</Alert>
      ) : invoice.status === 'void' ? (
        <Alert tone="info">{t('void')}</Alert>
      ) : !data.paymentsEnabled ? (
        <Alert tone="info">{t('disabled')}</Alert>
      ) : (
        <>
          {current?.status === 'failed' && <Alert>{t('failed', { reason: current.failureMessage ?? '' })}</Alert>}
          {search.get('cancelled') && <Alert tone="info">{t('cancelled')}</Alert>}
          <PayForm jobId={jobId} documentId={documentId} data={data} onStarted={(p) => (p.redirectUrl && p.status === 'pending' ? window.location.assign(p.redirectUrl) : setPaymentId(p.id))} />
        </>
      )}
      <History jobId={jobId} payments={data.payments} />
    </div>
  );
}

function InvoiceFigures({ data }: { data: PayOptions }) {
  const invoice = data.invoice;
  const money = (minor: number) => formatMoney(minor, invoice.currency);
  return (
    <Card>
      <dl className="pay-figures">
        <div>
          <dt>{t('total')}</dt>
          <dd>{money(invoice.totalMinor)}</dd>
        </div>
        <div>
          <dt>{t('paid')}</dt>
          <dd>{money(invoice.amountPaidMinor)}</dd>
        </div>
        <div className="pay-figures__balance">
          <dt>{t('balance')}</dt>
          <dd>{money(invoice.balanceMinor)}</dd>
        </div>
      </dl>
      {invoice.dueAt && invoice.status === 'open' && (
        <p className="small">{invoice.overdue ? <Badge tone="danger">{t('overdue', { date: formatDay(invoice.dueAt) })}</Badge> : <span className="muted">{t('due', { date: formatDay(invoice.dueAt) })}</span>}</p>
      )}
    </Card>
  );
}

function PayForm({ jobId, documentId, data, onStarted }: { jobId: string; documentId: string; data: PayOptions; onStarted(payment: Payment): void }) {
  const invoice = data.invoice;
  const pay = usePayInvoice(jobId, documentId);
  // One key per payment the customer means to make: a double click or a retry of the same
  // submission sends the same key, so the server answers the same attempt.
  const [key, setKey] = useState(newKey);
  const [amountText, setAmountText] = useState(() => minorToDecimalString(invoice.balanceMinor, invoice.currency));
  const [method, setMethod] = useState<string>(data.savedCards.find((c) => c.isDefault)?.paymentMethodId ?? 'new');
  const [card, setCard] = useState({ number: '', expiry: '', cvc: '', name: '' });
  const [save, setSave] = useState(false);
  const [local, setLocal] = useState<Record<string, string>>({});
  const amount = useMemo(() => (data.allowPartialPayments ? parseAmount(amountText, invoice.currency) : invoice.balanceMinor), [amountText, data.allowPartialPayments, invoice]);
  const errors = formErrors(pay.error, ['amount', 'card.number', 'card.expMonth', 'card.expYear', 'card.cvc']);

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (amount === null || amount <= 0) problems.amount = t('amountInvalid');
    let expMonth = 0;
    let expYear = 0;
    if (data.collectsCard && method === 'new') {
      const match = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(card.expiry);
      if (!match) problems.expiry = t('expiryInvalid');
      else [expMonth, expYear] = [Number(match[1]), Number(match[2])];
    }
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    pay.mutate(
      {
        idempotencyKey: key,
        ...(data.allowPartialPayments && amount !== invoice.balanceMinor ? { amount: amount! } : {}),
        ...(data.collectsCard && method !== 'new' ? { paymentMethodId: method } : {}),
        ...(data.collectsCard && method === 'new' ? { card: { number: card.number, expMonth, expYear, cvc: card.cvc, name: card.name || null } } : {}),
        ...(data.canSaveCard && save && method === 'new' ? { savePaymentMethod: true } : {}),
      },
      {
        onSuccess: (payment) => {
          // A failed attempt is over: the next submission is a new payment.
          if (payment.status === 'failed') setKey(newKey());
          onStarted(payment);
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 400) setKey(newKey());
        },
      },
    );
  }

  const label = formatMoney(amount ?? 0, invoice.currency);
  return (
    <Card as="section" aria-labelledby="pay-form-title">
      <CardHeader title={<span id="pay-form-title">{t('payment')}</span>} />
      <form className="stack-sm" onSubmit={submit} noValidate>
        {data.allowPartialPayments && (
          <Field label={t('amount')} hint={t('amountHint')} error={local.amount ?? fieldMessage('', errors.fields.amount)?.trim()}>
            <TextInput inputMode="decimal" autoComplete="off" value={amountText} onChange={(e) => setAmountText(e.target.value)} />
          </Field>
        )}
        {data.collectsCard && data.savedCards.length > 0 && (
          <fieldset className="pay-methods">
            <legend className="visually-hidden">{t('payWith')}</legend>
            {data.savedCards.map((c) => (
              <label key={c.paymentMethodId} className="pay-methods__option">
                <input type="radio" name="method" value={c.paymentMethodId} checked={method === c.paymentMethodId} onChange={() => setMethod(c.paymentMethodId)} />
                <span>{t('savedCard', { brand: c.brand.toUpperCase(), last4: c.last4, month: String(c.expMonth).padStart(2, '0'), year: String(c.expYear).slice(-2) })}</span>
              </label>
            ))}
            <label className="pay-methods__option">
              <input type="radio" name="method" value="new" checked={method === 'new'} onChange={() => setMethod('new')} />
              <span>{t('newCard')}</span>
            </label>
          </fieldset>
        )}
        {data.collectsCard && method === 'new' && (
          <>
            {data.testMode && <Alert tone="info">{t('testHint')}</Alert>}
            <Field label={t('cardNumber')} error={errors.fields['card.number']}>
              <TextInput inputMode="numeric" autoComplete="cc-number" value={card.number} onChange={(e) => setCard({ ...card, number: e.target.value })} placeholder="1234 1234 1234 1234" />
            </Field>
            <div className="pay-card-row">
              <Field label={t('expiry')} error={local.expiry ?? errors.fields['card.expYear'] ?? errors.fields['card.expMonth']}>
                <TextInput inputMode="numeric" autoComplete="cc-exp" value={card.expiry} onChange={(e) => setCard({ ...card, expiry: e.target.value })} placeholder="MM/YY" />
              </Field>
              <Field label={t('cvc')} error={errors.fields['card.cvc']}>
                <TextInput inputMode="numeric" autoComplete="cc-csc" value={card.cvc} onChange={(e) => setCard({ ...card, cvc: e.target.value })} placeholder="123" />
              </Field>
            </div>
            <Field label={t('nameOnCard')}>
              <TextInput autoComplete="cc-name" value={card.name} onChange={(e) => setCard({ ...card, name: e.target.value })} />
            </Field>
          </>
        )}
        {data.canSaveCard && (method === 'new' || !data.collectsCard) && <Checkbox label={t('saveCard')} checked={save} onChange={(e) => setSave(e.target.checked)} />}
        {errors.message && <Alert>{errors.message}</Alert>}
        {!data.collectsCard && <p className="muted small">{t('stripeNote')}</p>}
        <Button type="submit" size="large" loading={pay.isPending}>
          {data.collectsCard ? t('payButton', { amount: label }) : t('continueToStripe', { amount: label })}
        </Button>
      </form>
    </Card>
  );
}

function Receipt({ jobId, payment }: { jobId: string; payment: Payment }) {
  return (
    <Card as="section" aria-labelledby="receipt-title">
      <div className="stack-sm" role="status">
        <h2 id="receipt-title" className="pay-page__success">
          {t('succeeded')}
        </h2>
        <p>{t('receiptLine', { number: payment.receiptNumber ?? '', amount: formatMoney(payment.amountMinor, payment.currency), date: formatDateTime(payment.succeededAt ?? payment.createdAt) })}</p>
        <div>
          <ButtonLink href={receiptUrl(jobId, payment.id)} variant="secondary" external>
            {t('downloadReceipt')}
          </ButtonLink>
        </div>
      </div>
    </Card>
  );
}

function History({ jobId, payments }: { jobId: string; payments: Payment[] }) {
  const done = payments.filter((p) => p.status === 'succeeded');
  return (
    <section className="stack-sm" aria-labelledby="pay-history">
      <h2 id="pay-history" className="billing__heading">
        {t('history')}
      </h2>
      {done.length === 0 ? (
        <p className="muted">{t('noHistory')}</p>
      ) : (
        <ul className="billing__list">
          {done.map((p) => (
            <li key={p.id} className="billing__row">
              <span>
                <strong>{formatMoney(p.amountMinor, p.currency)}</strong>
                <span className="muted small"> · {formatDateTime(p.succeededAt ?? p.createdAt)}</span>
                {p.amountRefundedMinor > 0 && <span className="muted small"> · {t('refunded', { amount: formatMoney(p.amountRefundedMinor, p.currency) })}</span>}
              </span>
              <a href={receiptUrl(jobId, p.id)} target="_blank" rel="noreferrer">
                {p.receiptNumber}
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
