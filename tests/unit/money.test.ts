import { describe, expect, it } from 'vitest';
import {
  allocate,
  computeTotals,
  decimalStringToMinor,
  divideHalfUp,
  formatMoney as format,
  lineAmount,
  minorDigits,
  minorToDecimalString,
  MoneyError,
  quantityToMilli,
  type LineInput,
} from '../../src/shared/money.js';

const line = (quantityMilli: number, unitPriceMinor: number, taxRateBp = 0, discount: LineInput['discount'] = null): LineInput => ({ quantityMilli, unitPriceMinor, taxRateBp, discount });

function fieldOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof MoneyError) return error.field;
    throw error;
  }
  return undefined;
}

describe('money: totals in integer minor units', () => {
  it('rounds half-up, exactly, on big integers', () => {
    expect(divideHalfUp(5n, 10n)).toBe(1n);
    expect(divideHalfUp(4n, 10n)).toBe(0n);
    expect(divideHalfUp(15n, 10n)).toBe(2n);
    expect(divideHalfUp(25n, 10n)).toBe(3n); // half-up, not banker's rounding
    // 1.5 h × 33.33 = 49.995 → 50.00
    expect(lineAmount(1500, 3333)).toBe(5000);
    // 0.333 × 10.00 = 3.33
    expect(lineAmount(333, 1000)).toBe(333);
    // 0.333 × 0.05 = 0.01665 → 0.02
    expect(lineAmount(333, 5)).toBe(2);
    // A million units at a large price stays exact (beyond what a double holds in the product).
    expect(lineAmount(1_000_000_000, 99_999_999_999)).toBe(99_999_999_999_000_000);
  });

  it('rounds the tax once per rate on the discounted sum, not per line', () => {
    // Three lines of 0.10 at 5 %: per line 0.005 would round to 0.01 each (0.03); per rate 0.015 → 0.02.
    const totals = computeTotals([line(1000, 10, 500), line(1000, 10, 500), line(1000, 10, 500)]);
    expect(totals).toMatchObject({ subtotalMinor: 30, taxMinor: 2, totalMinor: 32 });
    expect(totals.taxes).toEqual([{ rateBp: 500, baseMinor: 30, taxMinor: 2 }]);
  });

  it('the half case of a tax goes up', () => {
    // 10.10 at 5 % = 0.505 → 0.51
    expect(computeTotals([line(1000, 1010, 500)]).taxMinor).toBe(51);
    // 10.09 at 5 % = 0.5045 → 0.50
    expect(computeTotals([line(1000, 1009, 500)]).taxMinor).toBe(50);
  });

  it('zero-tax lines, and several rates, each with its own base', () => {
    const totals = computeTotals([line(2000, 5000, 0), line(1000, 1999, 2000), line(3000, 333, 550), line(1000, 100, 2000)]);
    expect(totals.taxes).toEqual([
      { rateBp: 0, baseMinor: 10000, taxMinor: 0 },
      { rateBp: 550, baseMinor: 999, taxMinor: 55 }, // 54.945 → 55
      { rateBp: 2000, baseMinor: 2099, taxMinor: 420 }, // 419.8 → 420
    ]);
    expect(totals).toMatchObject({ subtotalMinor: 13098, discountMinor: 0, taxMinor: 475, totalMinor: 13573 });
    expect(computeTotals([line(1000, 1234, 0)])).toMatchObject({ taxMinor: 0, totalMinor: 1234 });
  });

  it('line discounts: percent rounded half-up, a fixed amount; 100 % leaves nothing to tax', () => {
    const totals = computeTotals([line(1000, 999, 2000, { kind: 'percent', value: 5000 }), line(1000, 1000, 2000, { kind: 'amount', value: 250 })]);
    // 9.99 − 50 % (4.995 → 5.00) = 4.99; 10.00 − 2.50 = 7.50
    expect(totals.lines).toEqual([
      { amountMinor: 999, discountMinor: 500, netMinor: 499 },
      { amountMinor: 1000, discountMinor: 250, netMinor: 750 },
    ]);
    expect(totals).toMatchObject({ subtotalMinor: 1999, discountMinor: 750, taxMinor: 250, totalMinor: 1499 });
    expect(computeTotals([line(1000, 5000, 2000, { kind: 'percent', value: 10000 })])).toMatchObject({ subtotalMinor: 5000, discountMinor: 5000, taxMinor: 0, totalMinor: 0 });
    expect(computeTotals([line(1000, 5000, 2000)], { kind: 'percent', value: 10000 })).toMatchObject({ discountMinor: 5000, taxMinor: 0, totalMinor: 0 });
  });

  it('refuses a discount larger than what it discounts, naming the field', () => {
    expect(fieldOf(() => computeTotals([line(1000, 500, 0, { kind: 'amount', value: 501 })]))).toBe('lines[0].discount.value');
    expect(fieldOf(() => computeTotals([line(1000, 500)], { kind: 'amount', value: 501 }))).toBe('discount.value');
    expect(fieldOf(() => computeTotals([line(1000, 500)], { kind: 'percent', value: 10001 }))).toBe('discount.value');
    // Exactly the subtotal is fine.
    expect(computeTotals([line(1000, 500)], { kind: 'amount', value: 500 }).totalMinor).toBe(0);
    expect(fieldOf(() => computeTotals([line(1000, 500), line(-1, 500)]))).toBe('lines[1].quantity');
    expect(fieldOf(() => computeTotals([line(1000, 1.5)]))).toBe('lines[0].unitPriceMinor');
    expect(fieldOf(() => computeTotals([line(1000, 100, 10001)]))).toBe('lines[0].taxRateBp');
  });

  it('spreads a document discount over the rates in proportion, to the exact unit', () => {
    // 10.00 discount on 30.00 at 0 % and 70.00 at 20 %: 3.00 / 7.00, tax on 63.00 = 12.60
    const totals = computeTotals([line(1000, 3000, 0), line(1000, 7000, 2000)], { kind: 'amount', value: 1000 });
    expect(totals.taxes).toEqual([
      { rateBp: 0, baseMinor: 2700, taxMinor: 0 },
      { rateBp: 2000, baseMinor: 6300, taxMinor: 1260 },
    ]);
    expect(totals).toMatchObject({ subtotalMinor: 10000, discountMinor: 1000, documentDiscountMinor: 1000, taxMinor: 1260, totalMinor: 10260 });
    // Three equal rates, 1 cent: someone gets it, nobody gets more.
    expect(allocate(1n, [100n, 100n, 100n])).toEqual([1n, 0n, 0n]);
    expect(allocate(3n, [1n, 1n, 1n])).toEqual([1n, 1n, 1n]);
    expect(allocate(10n, [3n, 3n, 4n])).toEqual([3n, 3n, 4n]);
  });

  it('many small lines add up without drifting', () => {
    const lines = Array.from({ length: 1000 }, () => line(1000, 1, 1500));
    const totals = computeTotals(lines);
    // 10.00 at 15 % = 1.50 exactly; per-line rounding would have said 0.00 (0.0015 × 1000 rounds to 0 each).
    expect(totals).toMatchObject({ subtotalMinor: 1000, taxMinor: 150, totalMinor: 1150 });
  });

  it('quantity 0.333 and other fractions are thousandths; more decimals are refused', () => {
    expect(quantityToMilli(0.333)).toBe(333);
    expect(quantityToMilli(1.5)).toBe(1500);
    expect(quantityToMilli('2')).toBe(2000);
    expect(quantityToMilli(0.1 + 0.2)).toBeNull(); // 0.30000000000000004: not three decimals
    expect(quantityToMilli(1.2345)).toBeNull();
    expect(quantityToMilli(-1)).toBeNull();
    expect(quantityToMilli(1e-7)).toBeNull();
    expect(computeTotals([line(333, 1000, 2000)])).toMatchObject({ subtotalMinor: 333, taxMinor: 67, totalMinor: 400 });
  });

  it('an empty document is zero', () => {
    expect(computeTotals([])).toMatchObject({ subtotalMinor: 0, discountMinor: 0, taxMinor: 0, totalMinor: 0, taxes: [] });
  });
});

describe('money: currencies and formatting', () => {
  it('knows each currency’s minor unit', () => {
    expect(minorDigits('USD')).toBe(2);
    expect(minorDigits('EUR')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('BHD')).toBe(3);
  });

  it('formats with the currency’s own decimals, in the reader’s locale, without a float', () => {
    // Intl separates with no-break spaces; compare with plain ones.
    const formatMoney = (minor: number, currency: string, locale: string) => format(minor, currency, locale).replace(/\s/g, ' ');
    expect(formatMoney(123456, 'USD', 'en-US')).toBe('$1,234.56');
    expect(formatMoney(1235, 'JPY', 'en-US')).toBe('¥1,235');
    expect(formatMoney(1234, 'BHD', 'en-US')).toBe('BHD 1.234');
    expect(formatMoney(5, 'BHD', 'en-US')).toBe('BHD 0.005');
    expect(formatMoney(123456, 'EUR', 'de-DE')).toBe('1.234,56 €');
    expect(formatMoney(0, 'USD', 'en-US')).toBe('$0.00');
    // Beyond 2^53 / 100 a float would lose the cents.
    expect(formatMoney(900719925474099_1, 'USD', 'en-US')).toBe('$90,071,992,547,409.91');
  });

  it('converts between minor units and typed decimals', () => {
    expect(minorToDecimalString(5, 'USD')).toBe('0.05');
    expect(minorToDecimalString(-1250, 'USD')).toBe('-12.50');
    expect(minorToDecimalString(500, 'JPY')).toBe('500');
    expect(decimalStringToMinor('12.5', 'USD')).toBe(1250);
    expect(decimalStringToMinor('12.505', 'USD')).toBeNull();
    expect(decimalStringToMinor('1.234', 'BHD')).toBe(1234);
    expect(decimalStringToMinor('1500', 'JPY')).toBe(1500);
    expect(decimalStringToMinor('15.5', 'JPY')).toBeNull();
    expect(decimalStringToMinor('abc', 'USD')).toBeNull();
  });

  it('JPY and BHD documents total in their own units', () => {
    // ¥ 1.5 × 3,333 = 4,999.5 → 5,000; 10 % tax = 500
    expect(computeTotals([line(1500, 3333, 1000)])).toMatchObject({ subtotalMinor: 5000, taxMinor: 500, totalMinor: 5500 });
    // BHD 0.333 × 1.005 = 0.334665 → 0.335; 10 % = 0.0335 → 0.034
    expect(computeTotals([line(333, 1005, 1000)])).toMatchObject({ subtotalMinor: 335, taxMinor: 34, totalMinor: 369 });
  });
});
