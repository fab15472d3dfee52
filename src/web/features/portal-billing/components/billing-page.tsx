import { useEffect } from 'react';
import { Link, Redirect } from 'wouter';
import { Alert, Badge, Button, ButtonLink, Card, CardHeader, Checkbox, PageHeader, Skeleton, useToast } from '../../../components/ui/index.js';
import { ApiError } from '../../../lib/api-client.js';
import { formatDateTime, formatDay } from '../../../lib/format.js';
import { defineMessages } from '../../../lib/i18n.js';
import { useBilling } from '../api/get-billing.js';
import { receiptUrl } from '../api/get-payment.js';
import { useRemoveCard } from '../api/remove-card.js';
import { useSetAutopay } from '../api/set-autopay.js';
import { formatMoney, type BillingOverview, type InvoiceSummary } from '../api/types.js';
import './portal-billing.css';

const t = defineMessages({
  en: {
    documentTitle: 'Billing',
    title: 'Billing',
    subtitle: 'Your estimates, invoices, payments and saved cards.',
    balance: 'Balance due',
    nothingDue: 'Nothing to pay right now.',
    estimates: 'Estimates waiting for you',
    noEstimates: 'No estimates to review.',
    review: 'Review',
    openInvoices: 'Open invoices',
    noOpen: 'No open invoices.',
    paidInvoices: 'Paid invoices',
    noPaid: 'No paid invoices yet.',
    pay: 'Pay',
    view: 'View',
    due: 'due {date}',
    overdue: 'Overdue',
    paidOn: 'paid {date}',
    partlyPaid: '{paid} of {total} paid',
    history: 'Payment history',
    noHistory: 'No payments yet.',
    receipt: 'Receipt {number}',
    refunded: 'refunded {amount}',
    cards: 'Saved cards',
    noCards: 'No saved cards. Tick “Save this card” when you next pay to pay faster later.',
    cardLine: '{brand} ending {last4}, expires {month}/{year}',
    default: 'Default',
    remove: 'Remove',
    removed: 'The card was removed.',
    autopay: 'Auto-pay my service plan invoices',
    autopayHint: 'When an invoice for a service plan visit is issued, we charge your default saved card and email you the receipt.',
    autopayNeedsCard: 'Save a card when you pay an invoice to turn on auto-pay.',
    autopayOn: 'Auto-pay is on.',
    autopayOff: 'Auto-pay is off.',
    loadError: 'We could not load your billing. Check your connection and try again.',
    retry: 'Try again',
    job: 'Job {reference}',
  },
});

/** /portal/billing — balance, open estimates, open and paid invoices with Pay, payment history, saved cards, auto-pay. */
export function BillingPage() {
  const billing = useBilling();
  useEffect(() => {
    document.title = t('documentTitle');
  }, []);
  if (billing.error instanceof ApiError && (billing.error.status === 401 || billing.error.status === 403)) return <Redirect to="/portal/sign-in" replace />;
  if (billing.isPending) {
    return (
      <div className="stack" aria-busy="true">
        <Skeleton height={32} width="40%" />
        <Skeleton height={90} />
        <Skeleton height={180} />
      </div>
    );
  }
  if (billing.isError) {
    return (
      <Alert>
        <span className="row-between">
          {t('loadError')}
          <Button size="small" variant="secondary" onClick={() => void billing.refetch()}>
            {t('retry')}
          </Button>
        </span>
      </Alert>
    );
  }
  const data = billing.data;
  const open = data.invoices.filter((i) => i.status === 'open');
  const paid = data.invoices.filter((i) => i.status === 'paid');
  return (
    <div className="stack billing">
      <PageHeader title={t('title')} subtitle={t('subtitle')} />
      <Card className="billing__balance" aria-labelledby="billing-balance">
        <h2 id="billing-balance" className="billing__balance-label">
          {t('balance')}
        </h2>
        {data.balances.length === 0 ? (
          <p className="billing__balance-amount">{formatMoney(0, data.invoices[0]?.currency ?? 'USD')}</p>
        ) : (
          data.balances.map((b) => (
            <p key={b.currency} className="billing__balance-amount">
              {formatMoney(b.balanceMinor, b.currency)}
            </p>
          ))
        )}
        {data.balances.length === 0 && <p className="muted small">{t('nothingDue')}</p>}
      </Card>

      {data.estimates.length > 0 && (
        <Section id="billing-estimates" title={t('estimates')}>
          <ul className="billing__list">
            {data.estimates.map((e) => (
              <li key={e.id} className="billing__row">
                <span className="billing__what">
                  <strong>{e.number}</strong> {e.title && <span>{e.title}</span>}
                  <span className="muted small">{t('job', { reference: e.jobReference })}</span>
                </span>
                <span className="billing__money">{formatMoney(e.totalMinor, e.currency)}</span>
                <ButtonLink href={`/portal/jobs/${e.jobId}/documents/${e.id}`} size="small" variant="secondary">
                  {t('review')}
                </ButtonLink>
              </li>
            ))}
          </ul>
        </Section>
      )}

      <Section id="billing-open" title={t('openInvoices')}>
        {open.length === 0 ? <p className="muted">{t('noOpen')}</p> : <InvoiceList invoices={open} paymentsEnabled={data.paymentsEnabled} />}
      </Section>
      <Section id="billing-history" title={t('history')}>
        {data.payments.length === 0 ? (
          <p className="muted">{t('noHistory')}</p>
        ) : (
          <ul className="billing__list">
            {data.payments.map((p) => (
              <li key={p.id} className="billing__row">
                <span className="billing__what">
                  <strong>{formatMoney(p.amountMinor, p.currency)}</strong>
                  <span className="muted small">
                    {p.documentNumber} · {formatDateTime(p.succeededAt ?? p.createdAt)}
                    {p.amountRefundedMinor > 0 && ` · ${t('refunded', { amount: formatMoney(p.amountRefundedMinor, p.currency) })}`}
                  </span>
                </span>
                <a href={receiptUrl(p.jobId, p.id)} target="_blank" rel="noreferrer" className="billing__receipt">
                  {t('receipt', { number: p.receiptNumber ?? '' })}
                </a>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="billing-paid" title={t('paidInvoices')}>
        {paid.length === 0 ? <p className="muted">{t('noPaid')}</p> : <InvoiceList invoices={paid} paymentsEnabled={false} />}
      </Section>
      {data.paymentsEnabled && <SavedCards data={data} />}
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section className="stack-sm" aria-labelledby={id}>
      <h2 id={id} className="billing__heading">
        {title}
      </h2>
      {children}
    </section>
  );
}

function InvoiceList({ invoices, paymentsEnabled }: { invoices: InvoiceSummary[]; paymentsEnabled: boolean }) {
  return (
    <ul className="billing__list">
      {invoices.map((i) => (
        <li key={i.id} className="billing__row">
          <span className="billing__what">
            <Link href={`/portal/jobs/${i.jobId}/documents/${i.id}`}>
              <strong>{i.number}</strong>
            </Link>
            <span className="muted small">
              {i.status === 'paid' && i.paidAt
                ? t('paidOn', { date: formatDay(i.paidAt) })
                : i.amountPaidMinor > 0
                  ? t('partlyPaid', { paid: formatMoney(i.amountPaidMinor, i.currency), total: formatMoney(i.totalMinor, i.currency) })
                  : i.dueAt
                    ? t('due', { date: formatDay(i.dueAt) })
                    : t('job', { reference: i.jobReference })}
            </span>
            {i.overdue && <Badge tone="danger">{t('overdue')}</Badge>}
          </span>
          <span className="billing__money">{formatMoney(i.status === 'open' ? i.balanceMinor : i.totalMinor, i.currency)}</span>
          {i.status === 'open' && paymentsEnabled ? (
            <ButtonLink href={`/portal/jobs/${i.jobId}/documents/${i.id}/pay`} size="small">
              {t('pay')}
            </ButtonLink>
          ) : (
            <ButtonLink href={`/portal/jobs/${i.jobId}/documents/${i.id}`} size="small" variant="secondary">
              {t('view')}
            </ButtonLink>
          )}
        </li>
      ))}
    </ul>
  );
}

function SavedCards({ data }: { data: BillingOverview }) {
  const remove = useRemoveCard();
  const autopay = useSetAutopay();
  const toast = useToast();
  const hasDefault = data.savedCards.some((c) => c.isDefault);
  return (
    <Card as="section" aria-labelledby="billing-cards">
      <CardHeader title={<span id="billing-cards">{t('cards')}</span>} />
      {data.savedCards.length === 0 ? (
        <p className="muted">{t('noCards')}</p>
      ) : (
        <ul className="billing__list">
          {data.savedCards.map((c) => (
            <li key={c.paymentMethodId} className="billing__row">
              <span className="billing__what">
                {t('cardLine', { brand: c.brand.toUpperCase(), last4: c.last4, month: String(c.expMonth).padStart(2, '0'), year: String(c.expYear).slice(-2) })}
                {c.isDefault && <Badge tone="info">{t('default')}</Badge>}
              </span>
              <Button size="small" variant="secondary" loading={remove.isPending && remove.variables === c.paymentMethodId} onClick={() => remove.mutate(c.paymentMethodId, { onSuccess: () => toast.show(t('removed')) })}>
                {t('remove')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {data.autopay.available && (
        <div className="billing__autopay">
          <Checkbox
            label={t('autopay')}
            checked={data.autopay.enabled}
            disabled={!hasDefault || autopay.isPending}
            onChange={(e) => autopay.mutate(e.target.checked)}
            aria-describedby="billing-autopay-hint"
          />
          <p id="billing-autopay-hint" className="muted small">
            {hasDefault ? t('autopayHint') : t('autopayNeedsCard')}
          </p>
          <p className="visually-hidden" role="status">
            {data.autopay.enabled ? t('autopayOn') : t('autopayOff')}
          </p>
        </div>
      )}
    </Card>
  );
}
