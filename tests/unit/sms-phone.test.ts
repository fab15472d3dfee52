import { describe, expect, it } from 'vitest';
import { normalisePhone } from '../../src/server/modules/notifications/sms-sender.js';

describe('normalisePhone', () => {
  it.each([
    ['+15550001111', '+15550001111'],
    ['+1 555 000 1111', '+15550001111'],
    ['+1 (555) 000-1111', '+15550001111'],
    ['+44 20.7946.0018', '+442079460018'],
    ['  +33 6 12 34 56 78 ', '+33612345678'],
    ['+1 555 0101', '+15550101'],
  ])('writes %j as %j', (raw, e164) => {
    expect(normalisePhone(raw)).toBe(e164);
  });

  it.each([
    ['a national number, whose country would be a guess', '555 000 1111'],
    ['a 00 prefix, which is not international everywhere', '0044 20 7946 0018'],
    ['a country code starting with 0', '+0 555 000 1111'],
    ['letters', '+1 555 CALL NOW'],
    ['too many digits for E.164', '+1234567890123456'],
    ['too few digits', '+12345'],
    ['a second plus', '+1 +555 000 1111'],
    ['an extension', '+1 555 000 1111 x12'],
    ['nothing', ''],
  ])('refuses %s (%j)', (_why, raw) => {
    expect(normalisePhone(raw)).toBeNull();
  });
});
