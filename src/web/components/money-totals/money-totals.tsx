import { Fragment } from 'react';
import { formatMoney, formatPercent } from '../../lib/format.js';
import { defineMessages } from '../../lib/i18n.js';
import './money-totals.css';

const t = defineMessages({
  en: {
    subtotal: 'Subtotal',
    discounts: 'Discounts',
    taxAt: 'Tax {rate}',
    total: 'Total',
    paid: 'Paid',
    balanceDue: 'Balance due',
  },
});

/** A document's (or an option's) figures, as `src/shared/money.ts` computes them. */
export interface MoneyTotalsValue {
  subtotalMinor: number;
  discountMinor: number;
  taxes: readonly { rateBp: number; taxMinor: number }[];
  totalMinor: number;
}

/**
 * The totals block of an estimate or invoice, the same for the office's editor and the customer's
 * page: subtotal, discounts, one line per tax rate, total, and what is left to pay once something was.
 */
export function MoneyTotals({ totals, currency, paidMinor = 0, live = false, className = '' }: { totals: MoneyTotalsValue; currency: string; paidMinor?: number; live?: boolean; className?: string }) {
  return (
    <dl className={`money-totals ${className}`} aria-live={live ? 'polite' : undefined}>
      <dt>{t('subtotal')}</dt>
      <dd>{formatMoney(totals.subtotalMinor, currency)}</dd>
      {totals.discountMinor > 0 && (
        <>
          <dt>{t('discounts')}</dt>
          <dd>−{formatMoney(totals.discountMinor, currency)}</dd>
        </>
      )}
      {totals.taxes
        .filter((tax) => tax.rateBp > 0)
        .map((tax) => (
          <Fragment key={tax.rateBp}>
            <dt>{t('taxAt', { rate: formatPercent(tax.rateBp) })}</dt>
            <dd>{formatMoney(tax.taxMinor, currency)}</dd>
          </Fragment>
        ))}
      <dt className="money-totals__total">{t('total')}</dt>
      <dd className="money-totals__total" data-testid="document-total">
        {formatMoney(totals.totalMinor, currency)}
      </dd>
      {paidMinor > 0 && (
        <>
          <dt>{t('paid')}</dt>
          <dd>−{formatMoney(paidMinor, currency)}</dd>
          <dt className="money-totals__total">{t('balanceDue')}</dt>
          <dd className="money-totals__total">{formatMoney(totals.totalMinor - paidMinor, currency)}</dd>
        </>
      )}
    </dl>
  );
}
