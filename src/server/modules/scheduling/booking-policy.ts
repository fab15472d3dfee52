import type { BookingPolicyRow } from './scheduling.table.js';
import type { WorkingInterval } from './availability.js';

/** A company's rules for customers booking themselves (decision 010). */
export interface BookingPolicy {
  /** Length of the arrival windows customers choose from. */
  windowMinutes: number;
  /** How far ahead of a window's start it may still be booked. */
  leadTimeMinutes: number;
  /** How many days ahead customers may book. */
  horizonDays: number;
  /** Customers may move a visit until this long before its window starts… */
  rescheduleCutoffMinutes: number;
  /** …and cancel it until this long before. */
  cancelCutoffMinutes: number;
  /** Slack kept between two visits, on top of travel, when customers book. */
  bufferMinutes: number;
  /** Whether customers see who could come and may pick them. */
  customersMayChooseTechnician: boolean;
}

/**
 * What a company books with until it sets its own policy: 2-hour windows; bookable up to 2 hours
 * ahead (a simple rule customers understand; a company that wants "not before tomorrow" raises
 * it); a month ahead; moves and cancellations until 2 hours before the window; a quarter of an hour
 * of slack between visits; no choice of technician.
 */
export const DEFAULT_BOOKING_POLICY: Readonly<BookingPolicy> = Object.freeze({
  windowMinutes: 120,
  leadTimeMinutes: 120,
  horizonDays: 30,
  rescheduleCutoffMinutes: 120,
  cancelCutoffMinutes: 120,
  bufferMinutes: 15,
  customersMayChooseTechnician: false,
});

/** The week of a technician who has no working hours of their own: Monday to Friday, 08:00–17:00 company time. */
export const DEFAULT_WORKING_HOURS: readonly WorkingInterval[] = Object.freeze([1, 2, 3, 4, 5].map((weekday) => ({ weekday, startMinute: 8 * 60, endMinute: 17 * 60 })));

/** A stored policy row as the API shows it; no row means the defaults. */
export function toBookingPolicy(row: BookingPolicyRow | undefined): BookingPolicy {
  if (!row) return { ...DEFAULT_BOOKING_POLICY };
  return {
    windowMinutes: row.window_minutes,
    leadTimeMinutes: row.lead_time_minutes,
    horizonDays: row.horizon_days,
    rescheduleCutoffMinutes: row.reschedule_cutoff_minutes,
    cancelCutoffMinutes: row.cancel_cutoff_minutes,
    bufferMinutes: row.buffer_minutes,
    customersMayChooseTechnician: row.customer_may_choose_technician === 1,
  };
}

/** "08:30" → 510; "24:00" → 1440. */
export const parseClock = (value: string): number => {
  const [hours, minutes] = value.split(':').map(Number);
  return hours! * 60 + minutes!;
};

/** 510 → "08:30". */
export const formatClock = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
