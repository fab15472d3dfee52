import { useState } from 'react';
import { dateKey } from '../../lib/format.js';

/** A span of local dates (YYYY-MM-DD in the company's time zone), both ends included, as the availability APIs take them. */
export interface WindowRange {
  from: string;
  to: string;
}

/** Two weeks at a time: the APIs' default, and about what fits a phone's day strip in two swipes. */
export const RANGE_DAYS = 14;

/** The local date `days` after `date` (calendar arithmetic, so daylight saving changes nothing). */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year!, month! - 1, day! + days)).toISOString().slice(0, 10);
}

/** Every date of a range, in order. */
export function datesOf(range: WindowRange): string[] {
  const dates: string[] = [];
  for (let date = range.from; date <= range.to && dates.length < 62; date = addDays(date, 1)) dates.push(date);
  return dates;
}

const rangeFrom = (from: string): WindowRange => ({ from, to: addDays(from, RANGE_DAYS - 1) });

/** Whether dates after the range can still be booked; `bookableUntil` is unknown until the API answered. */
export const hasLaterDates = (range: WindowRange, bookableUntil: string | undefined) => bookableUntil === undefined || range.to < bookableUntil;

/** The range of dates a window picker shows, starting today (company time), and moving two weeks at a time. */
export function useWindowRange() {
  const [today] = useState(() => dateKey(new Date()));
  const [range, setRange] = useState<WindowRange>(() => rangeFrom(today));
  return {
    range,
    canGoEarlier: range.from > today,
    later: () => setRange((current) => rangeFrom(addDays(current.to, 1))),
    earlier: () =>
      setRange((current) => {
        const from = addDays(current.from, -RANGE_DAYS);
        return rangeFrom(from < today ? today : from);
      }),
  };
}
