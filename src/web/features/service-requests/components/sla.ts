import { defineMessages } from '../../../lib/i18n.js';

const t = defineMessages({
  en: {
    minutes: 'We aim to respond within {count} minutes.',
    hour: 'We aim to respond within 1 hour.',
    hours: 'We aim to respond within {count} hours.',
    day: 'We aim to respond within 1 day.',
    days: 'We aim to respond within {count} days.',
    ackMinutes: 'I understand that for {priority} priority we aim to respond within {count} minutes.',
    ackHour: 'I understand that for {priority} priority we aim to respond within 1 hour.',
    ackHours: 'I understand that for {priority} priority we aim to respond within {count} hours.',
    ackDay: 'I understand that for {priority} priority we aim to respond within 1 day.',
    ackDays: 'I understand that for {priority} priority we aim to respond within {count} days.',
  },
});

/** A response time in the unit a person would use (the same rounding as the server's next steps). */
function unitOf(minutes: number): { unit: 'minutes' | 'hour' | 'hours' | 'day' | 'days'; count: number } {
  if (minutes < 60) return { unit: 'minutes', count: minutes };
  if (minutes < 48 * 60) {
    const count = Math.round(minutes / 60);
    return { unit: count === 1 ? 'hour' : 'hours', count };
  }
  const count = Math.round(minutes / (24 * 60));
  return { unit: count === 1 ? 'day' : 'days', count };
}

/** "We aim to respond within 4 hours." */
export function slaSentence(minutes: number): string {
  const { unit, count } = unitOf(minutes);
  return t(unit, { count });
}

/** "I understand that for high priority we aim to respond within 4 hours." */
export function slaAcknowledgement(minutes: number, priority: string): string {
  const { unit, count } = unitOf(minutes);
  const key = ({ minutes: 'ackMinutes', hour: 'ackHour', hours: 'ackHours', day: 'ackDay', days: 'ackDays' } as const)[unit];
  return t(key, { count, priority });
}
