/**
 * A service plan's recurrence: RFC 5545 text in, local dates out. Pure, so it is unit-tested.
 *
 * Occurrences are whole days in the company's time zone; the time of the visit is settled later,
 * by availability, in that zone. So the rule is evaluated "floating": DTSTART's local date is fed
 * to rrule as a UTC midnight and every occurrence read back as its UTC date. Daylight-saving
 * changes then cannot move an occurrence to another day, whatever the server's zone.
 */
import rrulePkg, { type Options } from 'rrule';
import { DateTime } from 'luxon';

const { RRule } = rrulePkg;

export const FREQUENCY_UNITS = ['week', 'month', 'year'] as const;
export type FrequencyUnit = (typeof FREQUENCY_UNITS)[number];
export interface Frequency {
  every: number;
  unit: FrequencyUnit;
}

/** What a customer may choose from in the portal: the usual maintenance intervals. */
export const FREQUENCY_CHOICES: Frequency[] = [
  { every: 1, unit: 'month' },
  { every: 2, unit: 'month' },
  { every: 3, unit: 'month' },
  { every: 4, unit: 'month' },
  { every: 6, unit: 'month' },
  { every: 1, unit: 'year' },
];

export const MAX_INTERVAL: Record<FrequencyUnit, number> = { week: 52, month: 24, year: 5 };

/** A rule that cannot be used; `field` is the request field to name in the 400. */
export class RuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuleError';
  }
}

export interface ParsedRule {
  /** The first visit's local date, YYYY-MM-DD. */
  startDate: string;
  timezone: string;
  /** The RRULE line's options, without DTSTART. */
  options: Partial<Options>;
}

const FREQ_OF_UNIT = { week: RRule.WEEKLY, month: RRule.MONTHLY, year: RRule.YEARLY } as const;
const ALLOWED_FREQS: number[] = [RRule.WEEKLY, RRule.MONTHLY, RRule.YEARLY];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** How far ahead occurrences are looked for. */
const SEARCH_YEARS = 30;

const floating = (date: string) => new Date(`${date}T00:00:00.000Z`);
const dateOf = (instant: Date) => instant.toISOString().slice(0, 10);
const compact = (date: string) => date.replaceAll('-', '');

export function isValidDate(date: string): boolean {
  return DATE.test(date) && DateTime.fromISO(date).isValid;
}

/**
 * The RRULE line for "every N weeks/months/years" from a start date. A start on the 29th–31st
 * falls on the month's last day where the month is shorter ("BYMONTHDAY=31,-1;BYSETPOS=1"):
 * plain RFC 5545 would silently skip February, which no customer means by "every month".
 */
export function ruleLineFor(frequency: Frequency, startDate: string, end: { endDate?: string | null; count?: number | null } = {}): string {
  const day = Number(startDate.slice(8, 10));
  const month = Number(startDate.slice(5, 7));
  const parts = [`FREQ=${({ week: 'WEEKLY', month: 'MONTHLY', year: 'YEARLY' } as const)[frequency.unit]}`, `INTERVAL=${frequency.every}`];
  if (frequency.unit !== 'week' && day > 28) {
    if (frequency.unit === 'year') parts.push(`BYMONTH=${month}`);
    parts.push(`BYMONTHDAY=${day},-1`, 'BYSETPOS=1');
  }
  if (end.endDate) parts.push(`UNTIL=${compact(end.endDate)}T235959Z`);
  else if (end.count) parts.push(`COUNT=${end.count}`);
  return parts.join(';');
}

/** The stored text: DTSTART in the company's zone (at the start of the day) and the RRULE line. */
export function formatRule(rule: { startDate: string; timezone: string; line: string }): string {
  return `DTSTART;TZID=${rule.timezone}:${compact(rule.startDate)}T000000\nRRULE:${rule.line}`;
}

/**
 * Reads a rule as staff may type it: a bare "FREQ=…" line, "RRULE:…", or full text with DTSTART
 * (its date is taken as a local date; a start date given separately wins). Throws RuleError.
 */
export function parseRule(text: string, defaults: { startDate?: string; timezone: string }): ParsedRule {
  let startDate = defaults.startDate;
  let line: string | undefined;
  for (const raw of text.trim().split(/\r?\n/)) {
    const entry = raw.trim();
    if (!entry) continue;
    const upper = entry.toUpperCase();
    if (upper.startsWith('DTSTART')) {
      const match = /:(\d{4})(\d{2})(\d{2})/.exec(entry);
      if (!match) throw new RuleError('has a DTSTART that is not a date');
      startDate ??= `${match[1]}-${match[2]}-${match[3]}`;
    } else if (upper.startsWith('RRULE:')) {
      line = entry.slice('RRULE:'.length);
    } else if (upper.startsWith('FREQ=') || upper.includes(';FREQ=') || upper.includes('FREQ=')) {
      line = entry;
    } else {
      throw new RuleError(`has a line that is not DTSTART or RRULE: "${entry.slice(0, 40)}"`);
    }
  }
  if (!line) throw new RuleError('needs an RRULE (for example FREQ=MONTHLY;INTERVAL=6)');
  if (!startDate || !isValidDate(startDate)) throw new RuleError('needs a start date');
  let options: Partial<Options>;
  try {
    options = RRule.parseString(line);
  } catch (error) {
    throw new RuleError(`is not a valid RRULE: ${(error as Error).message}`);
  }
  if (options.freq === undefined || options.freq === null) throw new RuleError('needs FREQ (WEEKLY, MONTHLY or YEARLY)');
  if (!ALLOWED_FREQS.includes(options.freq)) throw new RuleError('must repeat weekly, monthly or yearly: visits are at least a week apart');
  // Times of day are availability's business; a rule only says which days.
  delete options.byhour;
  delete options.byminute;
  delete options.bysecond;
  delete options.dtstart;
  delete options.tzid;
  const parsed: ParsedRule = { startDate, timezone: defaults.timezone, options };
  const first = occurrencesFrom(parsed, startDate, 12);
  if (first.length === 0) throw new RuleError('never produces a visit on or after the start date');
  for (let i = 1; i < first.length; i++) {
    const gap = DateTime.fromISO(first[i]!).diff(DateTime.fromISO(first[i - 1]!), 'days').days;
    if (gap < 7) throw new RuleError('makes visits less than a week apart');
  }
  return parsed;
}

/** The text stored for a parsed rule. */
export function serialiseRule(rule: ParsedRule): string {
  const line = RRule.optionsToString({ ...rule.options }).replace(/^RRULE:/, '');
  return formatRule({ startDate: rule.startDate, timezone: rule.timezone, line });
}

function ruleOf(rule: ParsedRule) {
  return new RRule({ ...rule.options, dtstart: floating(rule.startDate) });
}

/** Occurrences (local dates) between two local dates, both included. */
export function occurrencesBetween(rule: ParsedRule, fromDate: string, toDate: string): string[] {
  if (toDate < fromDate) return [];
  return ruleOf(rule).between(floating(fromDate), floating(toDate), true).map(dateOf);
}

/** Up to `limit` occurrences on or after a local date. */
export function occurrencesFrom(rule: ParsedRule, fromDate: string, limit: number): string[] {
  const out: string[] = [];
  // Bounded: a rule that never matches (31 February) must not walk to the year 9999.
  const until = new Date(floating(fromDate).getTime() + SEARCH_YEARS * 366 * 86_400_000);
  ruleOf(rule).between(floating(fromDate), until, true, (date) => {
    out.push(dateOf(date));
    return out.length < limit;
  });
  return out.slice(0, limit);
}

/** Whether a local date is one of the rule's occurrences. */
export function isOccurrence(rule: ParsedRule, date: string): boolean {
  return occurrencesBetween(rule, date, date).length === 1;
}

/** "Every N units" when the rule is one of those (the form the portal edits), else null. */
export function frequencyOf(rule: ParsedRule): Frequency | null {
  const { freq, interval, byweekday, bymonth, bymonthday, bysetpos, byyearday, byweekno, bynweekday, byeaster } = rule.options as Partial<Options> & { bynweekday?: unknown; byeaster?: unknown };
  if (byweekday || byyearday || byweekno || bynweekday || byeaster) return null;
  const unit = (Object.keys(FREQ_OF_UNIT) as FrequencyUnit[]).find((u) => FREQ_OF_UNIT[u] === freq);
  if (!unit) return null;
  // The month-end form ruleLineFor writes still reads as "every N months".
  const monthEnd = Array.isArray(bymonthday) && bymonthday.length === 2 && bymonthday[1] === -1 && (bysetpos === 1 || (Array.isArray(bysetpos) && bysetpos[0] === 1));
  if ((bymonthday || bysetpos) && !monthEnd) return null;
  if (bymonth && unit !== 'year') return null;
  return { every: interval ?? 1, unit };
}

/** The end the rule carries, for the API. */
export function endOf(rule: ParsedRule): { endDate: string | null; count: number | null } {
  return { endDate: rule.options.until ? dateOf(rule.options.until) : null, count: rule.options.count ?? null };
}

/** English description for the API ("Every 6 months"); the front ends translate `frequency` themselves. */
export function describeRule(rule: ParsedRule): string {
  const frequency = frequencyOf(rule);
  if (frequency) return describeFrequency(frequency);
  const text = ruleOf({ ...rule, options: { ...rule.options, count: null, until: null } }).toText();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function describeFrequency(frequency: Frequency): string {
  if (frequency.every === 1) return { week: 'Every week', month: 'Every month', year: 'Every year' }[frequency.unit];
  return `Every ${frequency.every} ${frequency.unit}s`;
}

/** Today's local date in a zone. */
export function localToday(now: Date, timezone: string): string {
  return DateTime.fromJSDate(now, { zone: timezone }).toISODate()!;
}

export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;
}
