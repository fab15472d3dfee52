/** The totals of an estimate or invoice: used by the office's editor and the customer's document page. */
export { MoneyTotals, type MoneyTotalsValue } from './money-totals.js';
