import { computeTotals, decimalStringToMinor, minorToDecimalString, quantityToMilli, type Discount, type Totals } from '../../../../shared/money.js';
import { dateKey, zonedToIso } from '../../../lib/format.js';
import type { StaffDocument, UpdateDocumentInput } from '../api/types.js';
import { t } from './messages.js';

/**
 * The editor's working copy: what the person typed, as text, so "1." or "12,5" can be on screen
 * while being typed. `toInput` turns it into the API's integers and names every field it cannot read,
 * with the API's own field names (`lines[0].quantity`) so server errors land on the same inputs.
 */
export type LineKind = 'service' | 'part' | 'labour' | 'fee';
export type DiscountChoice = '' | 'percent' | 'amount';

export interface DraftLine {
  key: string;
  kind: LineKind;
  description: string;
  quantity: string;
  unitPrice: string;
  discountKind: DiscountChoice;
  discountValue: string;
  taxRate: string;
}

export interface DraftOption {
  key: string;
  title: string;
  description: string;
  discountKind: DiscountChoice;
  discountValue: string;
  lines: DraftLine[];
}

export interface Draft {
  title: string;
  notes: string;
  terms: string;
  dueDate: string;
  options: DraftOption[];
}

let counter = 0;
const key = () => `k${++counter}`;

/** Basis points as a percentage to type: 825 → "8.25". */
const bpToText = (bp: number) => minorToDecimalString(bp, 'USD').replace(/\.?0+$/, '') || '0';
/** "8.25" → 825; null when not a percentage with at most 2 decimals. */
export const percentToBp = (text: string): number | null => {
  const bp = decimalStringToMinor(text.trim() === '' ? '0' : text, 'USD');
  return bp === null || bp > 10_000 ? null : bp;
};

function discountText(discount: { kind: 'percent' | 'amount'; value: number } | null, currency: string): [DiscountChoice, string] {
  if (!discount) return ['', ''];
  return discount.kind === 'percent' ? ['percent', bpToText(discount.value)] : ['amount', minorToDecimalString(discount.value, currency)];
}

export function newLine(defaultTaxRateBp: number): DraftLine {
  return { key: key(), kind: 'service', description: '', quantity: '1', unitPrice: '', discountKind: '', discountValue: '', taxRate: bpToText(defaultTaxRateBp) };
}

export function newOption(title = ''): DraftOption {
  return { key: key(), title, description: '', discountKind: '', discountValue: '', lines: [] };
}

export function draftOf(document: StaffDocument): Draft {
  return {
    title: document.title,
    notes: document.notes,
    terms: document.terms,
    dueDate: document.dueAt ? dateKey(document.dueAt) : '',
    options: document.options.map((option) => {
      const [discountKind, discountValue] = discountText(option.discount, document.currency);
      return {
        key: option.id,
        title: option.title,
        description: option.description,
        discountKind,
        discountValue,
        lines: option.lines.map((line) => {
          const [lineDiscountKind, lineDiscountValue] = discountText(line.discount, document.currency);
          return {
            key: line.id,
            kind: line.kind,
            description: line.description,
            quantity: String(line.quantity),
            unitPrice: minorToDecimalString(line.unitPriceMinor, document.currency),
            discountKind: lineDiscountKind,
            discountValue: lineDiscountValue,
            taxRate: bpToText(line.taxRateBp),
          };
        }),
      };
    }),
  };
}

interface Parsed {
  input: UpdateDocumentInput | undefined;
  errors: Record<string, string>;
  /** Per option: its totals, or undefined while a field of it cannot be read. */
  totals: (Totals | undefined)[];
}

function parseDiscount(kind: DiscountChoice, value: string, currency: string, field: string, errors: Record<string, string>): Discount | null {
  if (!kind) return null;
  const parsed = kind === 'percent' ? percentToBp(value) : decimalStringToMinor(value.trim() === '' ? '0' : value, currency);
  if (parsed === null) {
    errors[`${field}.value`] = kind === 'percent' ? t('invalidPercent') : t('invalidMoney', { currency });
    return null;
  }
  return { kind, value: parsed };
}

/** The draft as the PATCH body (without version), with every field problem found on the way. */
export function parseDraft(draft: Draft, document: StaffDocument): Parsed {
  const errors: Record<string, string> = {};
  const several = draft.options.length > 1;
  const options = draft.options.map((option, optionIndex) => {
    const prefix = several ? `options[${optionIndex}].` : '';
    if (several && !option.title.trim()) errors[`${prefix}title`] = t('required');
    const lines = option.lines.map((line, index) => {
      const field = `${prefix}lines[${index}]`;
      const quantityMilli = quantityToMilli(line.quantity.trim());
      if (quantityMilli === null) errors[`${field}.quantity`] = t('invalidQuantity');
      const unitPriceMinor = decimalStringToMinor(line.unitPrice.trim() === '' ? '0' : line.unitPrice, document.currency);
      if (unitPriceMinor === null) errors[`${field}.unitPriceMinor`] = t('invalidMoney', { currency: document.currency });
      const taxRateBp = percentToBp(line.taxRate);
      if (taxRateBp === null) errors[`${field}.taxRateBp`] = t('invalidPercent');
      if (!line.description.trim()) errors[`${field}.description`] = t('required');
      const discount = parseDiscount(line.discountKind, line.discountValue, document.currency, `${field}.discount`, errors);
      return { kind: line.kind, description: line.description.trim(), quantityMilli: quantityMilli ?? 0, unitPriceMinor: unitPriceMinor ?? 0, taxRateBp: taxRateBp ?? 0, discount };
    });
    const discount = parseDiscount(option.discountKind, option.discountValue, document.currency, several ? `${prefix}discount` : 'discount', errors);
    let totals: Totals | undefined;
    const optionHasErrors = Object.keys(errors).some((field) => (several ? field.startsWith(prefix) : field.startsWith('lines') || field.startsWith('discount')));
    if (!optionHasErrors) {
      try {
        totals = computeTotals(lines, discount);
      } catch (error) {
        const problem = error as { field?: string; message: string };
        if (problem.field) errors[`${prefix}${problem.field}`] = problem.message;
      }
    }
    return { option, lines, discount, totals };
  });

  const apiLines = (lines: (typeof options)[number]['lines']) =>
    lines.map((line) => ({ kind: line.kind, description: line.description, quantity: line.quantityMilli / 1000, unitPriceMinor: line.unitPriceMinor, taxRateBp: line.taxRateBp, discount: line.discount }));
  const input: UpdateDocumentInput = {
    version: document.version,
    title: draft.title.trim(),
    notes: draft.notes,
    terms: draft.terms,
    ...(several
      ? { options: options.map(({ option, lines, discount }) => ({ title: option.title.trim(), description: option.description.trim(), lines: apiLines(lines), discount })) }
      : { lines: apiLines(options[0]?.lines ?? []), discount: options[0]?.discount ?? null }),
  };
  if (document.kind === 'invoice' && draft.dueDate && (!document.dueAt || dateKey(document.dueAt) !== draft.dueDate)) input.dueAt = zonedToIso(draft.dueDate, '23:59');
  return { input: Object.keys(errors).length ? undefined : input, errors, totals: options.map((o) => o.totals) };
}
