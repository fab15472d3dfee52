/**
 * Money for estimates and invoices: integer minor units of one currency, quantities in integer
 * thousandths, rates in basis points. No float ever holds an amount.
 *
 * This file has no dependencies on purpose: the console's document editor imports it too, so the
 * live totals on screen are computed by the very code that stores them.
 *
 * The rules, in the order they apply (docs/billing.md explains why):
 * 1. Line amount = quantity × unit price, rounded half-up to the minor unit (1.5 h × 33.33 = 49.995 → 50.00).
 * 2. Line discount: a percentage of the line amount (rounded half-up) or a fixed amount; a fixed
 *    amount larger than the line is refused, never clipped silently.
 * 3. Document discount: a percentage (rounded half-up) or a fixed amount of the sum of the lines'
 *    nets, larger than that sum refused; it is spread over the tax rates in proportion to their
 *    nets (largest remainder, so the parts add up to the discount exactly) because a discount
 *    lowers the taxable base.
 * 4. Tax per rate: rounded half-up once per rate, on the discounted sum of the lines at that rate
 *    ("invoice-level rounding per rate", as EU VAT and most accounting packages do), so a long
 *    list of small lines does not accumulate a cent of error per line.
 * 5. Total = subtotal − discounts + taxes. Prices are before tax (tax-exclusive).
 */

export type DiscountKind = 'percent' | 'amount';

/** A discount: `value` in basis points for 'percent' (10000 = 100 %), in minor units for 'amount'. */
export interface Discount {
  kind: DiscountKind;
  value: number;
}

export interface LineInput {
  /** Thousandths: 1.5 = 1500. */
  quantityMilli: number;
  unitPriceMinor: number;
  discount?: Discount | null;
  /** Basis points: 2000 = 20 %, 0 for a zero-tax line. */
  taxRateBp: number;
}

export interface LineTotals {
  amountMinor: number;
  discountMinor: number;
  netMinor: number;
}

export interface TaxBreakdown {
  rateBp: number;
  /** The taxable base after every discount. */
  baseMinor: number;
  taxMinor: number;
}

export interface Totals {
  lines: LineTotals[];
  /** Sum of the line amounts, before any discount. */
  subtotalMinor: number;
  /** Line discounts plus the document discount. */
  discountMinor: number;
  /** The document discount alone (part of discountMinor). */
  documentDiscountMinor: number;
  taxMinor: number;
  totalMinor: number;
  /** One entry per rate, lowest rate first. */
  taxes: TaxBreakdown[];
}

/** A rule the figures break; `field` is relative to the lines/discount given (`lines[2].discount.value`). */
export class MoneyError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'MoneyError';
  }
}

export const MAX_QUANTITY_MILLI = 1_000_000_000; // one million units
export const MAX_UNIT_PRICE_MINOR = 100_000_000_000; // a billion dollars, cents
export const MAX_TAX_RATE_BP = 10_000;

/** n / d rounded half-up (away from zero on .5), for n ≥ 0 and d > 0, exact on big integers. */
export function divideHalfUp(n: bigint, d: bigint): bigint {
  return (n * 2n + d) / (d * 2n);
}

const big = (value: number) => BigInt(value);
const small = (value: bigint) => Number(value);

function checkInteger(value: number, field: string, min: number, max: number) {
  if (!Number.isSafeInteger(value)) throw new MoneyError(field, 'must be a whole number');
  if (value < min) throw new MoneyError(field, `must be at least ${min}`);
  if (value > max) throw new MoneyError(field, `must be at most ${max}`);
}

function discountOf(amount: bigint, discount: Discount | null | undefined, field: string): bigint {
  if (!discount) return 0n;
  if (discount.kind === 'percent') {
    checkInteger(discount.value, `${field}.value`, 0, 10_000);
    return divideHalfUp(amount * big(discount.value), 10_000n);
  }
  if (discount.kind !== 'amount') throw new MoneyError(`${field}.kind`, "must be 'percent' or 'amount'");
  checkInteger(discount.value, `${field}.value`, 0, Number.MAX_SAFE_INTEGER);
  if (big(discount.value) > amount) throw new MoneyError(`${field}.value`, 'is larger than the amount it discounts');
  return big(discount.value);
}

/** The amount of one line before discount: quantity × unit price, half-up. */
export function lineAmount(quantityMilli: number, unitPriceMinor: number): number {
  return small(divideHalfUp(big(quantityMilli) * big(unitPriceMinor), 1000n));
}

/**
 * Every figure of a document (or of one option of an estimate). Throws MoneyError naming the
 * field (`lines[0].quantity`, `discount.value`) when an input breaks a rule.
 */
export function computeTotals(lines: readonly LineInput[], documentDiscount?: Discount | null): Totals {
  const lineTotals: LineTotals[] = [];
  const netByRate = new Map<number, bigint>();
  let subtotal = 0n;
  let lineDiscounts = 0n;
  lines.forEach((line, index) => {
    const field = `lines[${index}]`;
    checkInteger(line.quantityMilli, `${field}.quantity`, 0, MAX_QUANTITY_MILLI);
    checkInteger(line.unitPriceMinor, `${field}.unitPriceMinor`, 0, MAX_UNIT_PRICE_MINOR);
    checkInteger(line.taxRateBp, `${field}.taxRateBp`, 0, MAX_TAX_RATE_BP);
    const amount = divideHalfUp(big(line.quantityMilli) * big(line.unitPriceMinor), 1000n);
    const discount = discountOf(amount, line.discount, `${field}.discount`);
    const net = amount - discount;
    subtotal += amount;
    lineDiscounts += discount;
    netByRate.set(line.taxRateBp, (netByRate.get(line.taxRateBp) ?? 0n) + net);
    lineTotals.push({ amountMinor: small(amount), discountMinor: small(discount), netMinor: small(net) });
  });

  const netSum = subtotal - lineDiscounts;
  const documentDiscount_ = discountOf(netSum, documentDiscount, 'discount');
  const rates = [...netByRate.keys()].sort((a, b) => a - b);
  const shares = allocate(
    documentDiscount_,
    rates.map((rate) => netByRate.get(rate)!),
  );
  let tax = 0n;
  const taxes: TaxBreakdown[] = rates.map((rate, i) => {
    const base = netByRate.get(rate)! - shares[i]!;
    const rateTax = divideHalfUp(base * big(rate), 10_000n);
    tax += rateTax;
    return { rateBp: rate, baseMinor: small(base), taxMinor: small(rateTax) };
  });
  const discount = lineDiscounts + documentDiscount_;
  return {
    lines: lineTotals,
    subtotalMinor: small(subtotal),
    discountMinor: small(discount),
    documentDiscountMinor: small(documentDiscount_),
    taxMinor: small(tax),
    totalMinor: small(subtotal - discount + tax),
    taxes,
  };
}

/**
 * Splits `amount` over `weights` in proportion, by the largest remainder: the parts always add up
 * to `amount` exactly, and no part exceeds its weight (amount ≤ sum of weights).
 */
export function allocate(amount: bigint, weights: readonly bigint[]): bigint[] {
  const total = weights.reduce((sum, w) => sum + w, 0n);
  if (amount === 0n || total === 0n) return weights.map(() => 0n);
  const parts = weights.map((w) => (amount * w) / total);
  const remainders = weights.map((w, i) => ({ i, r: (amount * w) % total }));
  let left = amount - parts.reduce((sum, p) => sum + p, 0n);
  remainders.sort((a, b) => (b.r > a.r ? 1 : b.r < a.r ? -1 : a.i - b.i));
  for (const { i } of remainders) {
    if (left === 0n) break;
    parts[i]! += 1n;
    left -= 1n;
  }
  return parts;
}

/** How many digits the currency's minor unit has: JPY 0, USD 2, BHD 3. */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Minor units as an exact decimal string: 12345 USD → "123.45", 5 BHD → "0.005", 500 JPY → "500". */
export function minorToDecimalString(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const negative = minor < 0;
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  const whole = digits === 0 ? text : text.slice(0, -digits);
  const fraction = digits === 0 ? '' : `.${text.slice(-digits)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/**
 * A decimal the user typed ("12.5", "1,234.50" is refused: no separators) in minor units, or null
 * when it is not a valid amount in that currency (too many decimals, not a number).
 */
export function decimalStringToMinor(text: string, currency: string): number | null {
  const digits = minorDigits(currency);
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text.trim());
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  const value = Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(value) ? value : null;
}

/** A quantity as typed or sent (1.5, "0.333") in thousandths, or null with more than 3 decimals. */
export function quantityToMilli(quantity: number | string): number | null {
  const text = typeof quantity === 'number' ? quantityNumberText(quantity) : quantity.trim();
  if (text === null) return null;
  const match = /^(\d+)(?:\.(\d{0,3}))?$/.exec(text);
  if (!match) return null;
  const value = Number(match[1]) * 1000 + Number((match[2] ?? '').padEnd(3, '0'));
  return Number.isSafeInteger(value) ? value : null;
}

function quantityNumberText(quantity: number): string | null {
  if (!Number.isFinite(quantity) || quantity < 0) return null;
  // A JSON number like 0.333 is exactly representable as "0.333" by the shortest round-trip form.
  const text = String(quantity);
  return /e/i.test(text) ? null : text;
}

/** Thousandths back to a plain number for display and JSON (1500 → 1.5); exact for 3 decimals. */
export const milliToQuantity = (milli: number): number => Number((milli / 1000).toFixed(3));

/** "$1,234.50", "¥1,235", "BHD 1.234" in the reader's locale, with the currency's own decimals. */
export function formatMoney(minor: number, currency: string, locale = 'en'): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  // A decimal string keeps the amount exact: Intl formats it without going through a float.
  return format.format(minorToDecimalString(minor, currency) as unknown as number);
}

/** A rate in basis points as a percentage for people: 2000 → "20%", 825 → "8.25%" (display only, not money). */
export function formatRate(rateBp: number, locale = 'en'): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(rateBp / 10_000);
}
