import { describe, expect, it } from 'vitest';
import {
  describeRule,
  formatRule,
  frequencyOf,
  isOccurrence,
  occurrencesBetween,
  occurrencesFrom,
  parseRule,
  RuleError,
  ruleLineFor,
  serialiseRule,
} from '../../src/server/modules/service-plans/plan-rules.js';

const rule = (text: string, startDate?: string, timezone = 'Europe/Paris') => parseRule(text, { timezone, ...(startDate ? { startDate } : {}) });
const every = (every: number, unit: 'week' | 'month' | 'year', startDate: string, end: { endDate?: string; count?: number } = {}) =>
  rule(formatRule({ startDate, timezone: 'America/Chicago', line: ruleLineFor({ every, unit }, startDate, end) }));

describe('service plan rules: RRULE text in, local dates out', () => {
  it('every N weeks, months and years from the start date', () => {
    expect(occurrencesFrom(every(2, 'week', '2026-01-15'), '2026-01-01', 4)).toEqual(['2026-01-15', '2026-01-29', '2026-02-12', '2026-02-26']);
    expect(occurrencesFrom(every(6, 'month', '2026-01-20'), '2026-01-01', 3)).toEqual(['2026-01-20', '2026-07-20', '2027-01-20']);
    expect(occurrencesFrom(every(1, 'year', '2026-03-01'), '2026-06-01', 2)).toEqual(['2027-03-01', '2028-03-01']);
  });

  it('month ends: a plan on the 31st (or 29 February) falls on the last day of shorter months instead of skipping them', () => {
    expect(occurrencesBetween(every(1, 'month', '2026-01-31'), '2026-01-01', '2026-06-30')).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31', '2026-06-30']);
    expect(occurrencesBetween(every(1, 'month', '2028-01-30'), '2028-02-01', '2028-03-31')).toEqual(['2028-02-29', '2028-03-30']);
    expect(occurrencesFrom(every(1, 'year', '2028-02-29'), '2028-01-01', 5)).toEqual(['2028-02-29', '2029-02-28', '2030-02-28', '2031-02-28', '2032-02-29']);
    expect(frequencyOf(every(3, 'month', '2026-01-31'))).toEqual({ every: 3, unit: 'month' });
  });

  it('dates do not move across daylight-saving changes, whatever the zone', () => {
    // Paris goes forward on 29 March 2026 and back on 25 October; weekly visits stay on Sundays.
    const sundays = rule('DTSTART;TZID=Europe/Paris:20260322T000000\nRRULE:FREQ=WEEKLY');
    expect(occurrencesBetween(sundays, '2026-03-20', '2026-04-06')).toEqual(['2026-03-22', '2026-03-29', '2026-04-05']);
    expect(occurrencesBetween(sundays, '2026-10-18', '2026-11-01')).toEqual(['2026-10-18', '2026-10-25', '2026-11-01']);
    const auckland = parseRule('FREQ=WEEKLY', { startDate: '2026-04-02', timezone: 'Pacific/Auckland' });
    expect(occurrencesBetween(auckland, '2026-04-01', '2026-04-10')).toEqual(['2026-04-02', '2026-04-09']);
  });

  it('ends by date or count', () => {
    expect(occurrencesFrom(every(1, 'month', '2026-01-10', { endDate: '2026-03-10' }), '2026-01-01', 10)).toEqual(['2026-01-10', '2026-02-10', '2026-03-10']);
    expect(occurrencesFrom(every(1, 'month', '2026-01-10', { count: 2 }), '2026-01-01', 10)).toEqual(['2026-01-10', '2026-02-10']);
  });

  it('reads rules as staff type them and writes them back as RFC 5545 with DTSTART in the zone', () => {
    const typed = rule('RRULE:FREQ=WEEKLY;INTERVAL=4;BYDAY=TU', '2026-02-02');
    expect(occurrencesFrom(typed, '2026-02-01', 2)).toEqual(['2026-02-03', '2026-03-03']);
    expect(frequencyOf(typed)).toBeNull();
    expect(serialiseRule(typed)).toBe('DTSTART;TZID=Europe/Paris:20260202T000000\nRRULE:FREQ=WEEKLY;INTERVAL=4;BYDAY=TU');
    expect(describeRule(typed)).toBe('Every 4 weeks on Tuesday');
    expect(describeRule(every(6, 'month', '2026-01-20'))).toBe('Every 6 months');
    expect(isOccurrence(typed, '2026-03-03')).toBe(true);
    expect(isOccurrence(typed, '2026-03-04')).toBe(false);
  });

  it('refuses what is not a plan: daily or several visits a week, gibberish, no start', () => {
    for (const text of ['FREQ=DAILY', 'FREQ=WEEKLY;BYDAY=MO,TH', 'hello', 'FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2', 'DTSTART:2026']) {
      expect(() => rule(text, '2026-02-02'), text).toThrow(RuleError);
    }
    expect(() => parseRule('FREQ=MONTHLY', { timezone: 'UTC' })).toThrow(RuleError);
  });
});
