import { formatMoney as formatMinorUnits, formatRate } from '../../shared/money.js';
import { getLocale } from './i18n.js';

/**
 * Dates and times are shown in the company's time zone: that is where the visit happens, and
 * a customer travelling abroad still wants "8–10am" to mean at home.
 */
let currentTimeZone: string | undefined;

export function setTimeZone(timeZone: string | undefined): void {
  currentTimeZone = timeZone;
}

const formatter = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(getLocale(), { timeZone: currentTimeZone, ...options });

/** "Tue 14 Jan" */
export const formatDay = (iso: string) => formatter({ weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(iso));

/** "8:00 AM" */
export const formatTime = (iso: string) => formatter({ hour: 'numeric', minute: '2-digit' }).format(new Date(iso));

/** "Tue 14 Jan, 8:05 AM" */
export const formatDateTime = (iso: string) => formatter({ weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' }).format(new Date(iso));

/** "Tue 14 Jan, 8:00 – 10:00 AM": an appointment window, the day once. */
export function formatWindow(startIso: string, endIso: string): string {
  const range = formatter({ hour: 'numeric', minute: '2-digit' }).formatRange(new Date(startIso), new Date(endIso));
  return `${formatDay(startIso)}, ${range}`;
}

/** The calendar date (YYYY-MM-DD) of an instant in the company's time zone. */
export function dateKey(iso: string | Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: currentTimeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
  return parts;
}

/** The instant a wall-clock time (YYYY-MM-DD, HH:MM) in the company's time zone stands for, as ISO text. */
export function zonedToIso(date: string, time: string): string {
  const guess = new Date(`${date}T${time}:00Z`);
  // The zone's offset at that moment, found by formatting the guess there and comparing.
  const shown = new Intl.DateTimeFormat('en-CA', { timeZone: currentTimeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
    .formatToParts(guess)
    .reduce<Record<string, string>>((acc, part) => ((acc[part.type] = part.value), acc), {});
  const asUtc = Date.UTC(Number(shown.year), Number(shown.month) - 1, Number(shown.day), Number(shown.hour), Number(shown.minute), Number(shown.second));
  const offset = asUtc - guess.getTime();
  return new Date(guess.getTime() - offset).toISOString();
}

/** The wall-clock time (HH:MM) of an instant in the company's time zone, for time inputs. */
export function zonedTime(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: currentTimeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/** "5 min", "1 h 20 min" */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

/** Money (integer minor units) in the page's language, with the currency's own decimals: $1,234.50, ¥1,235, BHD 1.235. */
export const formatMoney = (minor: number, currency: string) => formatMinorUnits(minor, currency, getLocale());

/** A rate in basis points as a percentage: 825 → 8.25%. */
export const formatPercent = (rateBp: number) => formatRate(rateBp, getLocale());
