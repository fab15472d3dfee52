/** Time comes from here so scheduling, expiry and reminders can be tested. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock tests can set and move. Stopped by default; a running one ticks with real time from
 * where it was set (browser tests, where people click at their own pace).
 */
export class ManualClock implements Clock {
  private current: Date;
  private setAt = Date.now();
  constructor(
    start: Date | string = '2026-01-13T09:00:00.000Z',
    private readonly options: { running?: boolean } = {},
  ) {
    this.current = new Date(start);
  }
  now(): Date {
    return new Date(this.current.getTime() + (this.options.running ? Date.now() - this.setAt : 0));
  }
  set(to: Date | string): void {
    this.current = new Date(to);
    this.setAt = Date.now();
  }
  advance(ms: number): void {
    this.set(new Date(this.now().getTime() + ms));
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const isoAfter = (from: Date, ms: number): string => new Date(from.getTime() + ms).toISOString();
