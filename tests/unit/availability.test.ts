import { describe, expect, it } from 'vitest';
import {
  computeAvailability,
  fitsWindow,
  inTerritory,
  postalCodeMatches,
  travelSeconds,
  visitConflicts,
  type AvailabilityOptions,
  type ExistingVisit,
  type TechnicianCalendar,
  type VisitRequest,
} from '../../src/server/modules/scheduling/availability.js';
import { DEFAULT_WORKING_HOURS } from '../../src/server/modules/scheduling/booking-policy.js';

const ZONE = 'America/Chicago';
/** Austin, Texas, and points due north of it. */
const AUSTIN = { lat: 30.2672, lng: -97.7431 };
const north = (km: number) => ({ lat: AUSTIN.lat + km / 111.195, lng: AUSTIN.lng });

const technician = (overrides: Partial<TechnicianCalendar> = {}): TechnicianCalendar => ({
  id: 'tech-a',
  skills: ['hvac'],
  home: null,
  hours: [...DEFAULT_WORKING_HOURS],
  timeOff: [],
  territories: [],
  visits: [],
  ...overrides,
});

const request = (overrides: Partial<VisitRequest> = {}): VisitRequest => ({
  durationMinutes: 60,
  requiredSkills: [],
  place: { id: 'customer', point: AUSTIN },
  postalCode: '78701',
  ...overrides,
});

/** Wednesday 14 January 2026 in Austin (CST, UTC−6). */
const options = (overrides: Partial<AvailabilityOptions> = {}): AvailabilityOptions => ({
  timezone: ZONE,
  fromDate: '2026-01-14',
  toDate: '2026-01-14',
  windowMinutes: 120,
  bufferMinutes: 0,
  earliestStart: Date.parse('2026-01-01T00:00:00Z'),
  latestStart: Date.parse('2026-12-31T00:00:00Z'),
  ...overrides,
});

const visit = (id: string, start: string, end: string, point: { lat: number; lng: number } | null, durationMinutes = 60): ExistingVisit => ({
  id,
  windowStart: Date.parse(start),
  windowEnd: Date.parse(end),
  durationMinutes,
  place: { id: `place-${id}`, point },
});

/** Window starts as local clock times, for readable expectations. */
const localStarts = (windows: { start: number }[]) => windows.map((w) => new Date(w.start).toLocaleTimeString('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit' }));

describe('availability: hours, time off, skills, territories', () => {
  it('offers the 2-hour grid inside working hours, in the company zone, and nothing on a day off', () => {
    const windows = computeAvailability([technician()], request(), options({ toDate: '2026-01-17' }));
    const wednesday = windows.filter((w) => w.date === '2026-01-14');
    expect(localStarts(wednesday)).toEqual(['08:00', '10:00', '12:00', '14:00']);
    expect(wednesday[0]).toMatchObject({ start: Date.parse('2026-01-14T14:00:00Z'), end: Date.parse('2026-01-14T16:00:00Z') });
    expect(windows.some((w) => w.date === '2026-01-17')).toBe(false); // Saturday
    expect(windows.filter((w) => w.date === '2026-01-16')).toHaveLength(4); // Friday
  });

  it('follows each technician’s own week, split shifts included', () => {
    const split = technician({ hours: [{ weekday: 3, startMinute: 7 * 60, endMinute: 11 * 60 }, { weekday: 3, startMinute: 13 * 60, endMinute: 19 * 60 }] });
    // 10–12 overlaps the lunch gap but a 60-minute visit started at 10:00 ends by 11:00; 12–14 can start after the break.
    expect(localStarts(computeAvailability([split], request(), options()))).toEqual(['08:00', '10:00', '12:00', '14:00', '16:00']);
  });

  it('leaves out time off, and a technician who is off all day', () => {
    const afternoonOff = technician({ timeOff: [{ start: Date.parse('2026-01-14T18:00:00Z'), end: Date.parse('2026-01-15T00:00:00Z') }] });
    expect(localStarts(computeAvailability([afternoonOff], request(), options()))).toEqual(['08:00', '10:00']);
    const holiday = technician({ timeOff: [{ start: Date.parse('2026-01-14T06:00:00Z'), end: Date.parse('2026-01-15T06:00:00Z') }] });
    expect(computeAvailability([holiday], request(), options())).toEqual([]);
  });

  it('offers only technicians with every skill the service needs', () => {
    const windows = computeAvailability([technician({ id: 'plumber', skills: ['plumbing'] }), technician({ id: 'both', skills: ['HVAC', 'plumbing'] })], request({ requiredSkills: ['hvac', 'plumbing'] }), options());
    expect(windows).toHaveLength(4);
    expect(windows.every((w) => w.candidates.map((c) => c.technicianId).join() === 'both')).toBe(true);
    expect(computeAvailability([technician({ skills: [] })], request({ requiredSkills: ['gas'] }), options())).toEqual([]);
  });

  it('matches territories by postal code (exact or prefix) and by polygon; no territory serves everywhere', () => {
    expect(postalCodeMatches('78701', '78701')).toBe(true);
    expect(postalCodeMatches('787*', '78745')).toBe(true);
    expect(postalCodeMatches('sw1a 1aa', 'SW1A1AA')).toBe(true);
    expect(postalCodeMatches('78701', '78702')).toBe(false);
    const square: [number, number][] = [
      [30.2, -97.8],
      [30.2, -97.7],
      [30.3, -97.7],
      [30.3, -97.8],
    ];
    expect(inTerritory({ postalCodes: [], polygon: square }, null, AUSTIN)).toBe(true);
    expect(inTerritory({ postalCodes: [], polygon: square }, null, north(30))).toBe(false);

    const south = technician({ id: 'south', territories: [{ postalCodes: ['786*'], polygon: null }] });
    const downtown = technician({ id: 'downtown', territories: [{ postalCodes: [], polygon: square }] });
    const anywhere = technician({ id: 'anywhere' });
    const ids = (req: VisitRequest) => [...new Set(computeAvailability([south, downtown, anywhere], req, options()).flatMap((w) => w.candidates.map((c) => c.technicianId)))].sort();
    expect(ids(request())).toEqual(['anywhere', 'downtown']);
    expect(ids(request({ postalCode: '78610', place: { id: 'far', point: north(30) } }))).toEqual(['anywhere', 'south']);
    // An address without coordinates can only match by postal code.
    expect(ids(request({ postalCode: '78701', place: { id: 'x', point: null } }))).toEqual(['anywhere']);
  });
});

describe('availability: travel, buffers, home base', () => {
  // A fixed visit at 10:00 sharp, 30 km north: about 49 minutes' drive by the ETA model.
  const fixedAtTen = (km: number) => visit('fixed', '2026-01-14T16:00:00Z', '2026-01-14T16:00:00Z', north(km));

  it('uses the ETA model: 30 km is ~49 minutes, an unknown address half an hour, the same address nothing', () => {
    expect(Math.round(travelSeconds({ id: 'a', point: AUSTIN }, { id: 'b', point: north(30) }) / 60)).toBe(49);
    expect(travelSeconds({ id: 'a', point: AUSTIN }, { id: 'b', point: null })).toBe(30 * 60);
    expect(travelSeconds({ id: 'a', point: null }, { id: 'a', point: null })).toBe(0);
  });

  it('fits a visit before another only if the technician can drive there in time', () => {
    const near = computeAvailability([technician({ visits: [fixedAtTen(30)] })], request(), options());
    expect(localStarts(near)).toContain('08:00'); // 08:00–09:00 here, 49 min drive, there by 09:49
    const far = computeAvailability([technician({ visits: [fixedAtTen(70)] })], request(), options());
    expect(localStarts(far)).not.toContain('08:00');
  });

  it('keeps the buffer between visits on top of travel', () => {
    expect(localStarts(computeAvailability([technician({ visits: [fixedAtTen(30)] })], request(), options({ bufferMinutes: 15 })))).not.toContain('08:00');
    expect(localStarts(computeAvailability([technician({ visits: [fixedAtTen(30)] })], request(), options({ bufferMinutes: 5 })))).toContain('08:00');
  });

  it('starts and ends the day at the home base when there is one', () => {
    // ~2 h 40 min from home: the first window cannot be reached, the last leaves no time to drive back by 17:00.
    const farHome = technician({ home: north(150) });
    expect(localStarts(computeAvailability([farHome], request(), options()))).toEqual(['10:00', '12:00']);
  });

  it('a full window is not offered, and is offered again to another technician', () => {
    // Two 60-minute visits at 08:00–10:00 at the customer's own address fill the window exactly.
    const full = [visit('v1', '2026-01-14T14:00:00Z', '2026-01-14T16:00:00Z', AUSTIN), visit('v2', '2026-01-14T14:00:00Z', '2026-01-14T14:00:00Z', AUSTIN)];
    const busy = technician({ visits: full });
    const windows = computeAvailability([busy], request({ place: { id: 'far', point: north(40) } }), options());
    expect(localStarts(windows)).not.toContain('08:00');
    const withColleague = computeAvailability([busy, technician({ id: 'tech-b' })], request({ place: { id: 'far', point: north(40) } }), options());
    expect(withColleague.find((w) => localStarts([w])[0] === '08:00')?.candidates.map((c) => c.technicianId)).toEqual(['tech-b']);
  });

  it('suggests the technician whose route grows least', () => {
    const nearby = technician({ id: 'nearby', visits: [visit('n', '2026-01-14T18:00:00Z', '2026-01-14T20:00:00Z', north(2))] });
    const across = technician({ id: 'across', visits: [visit('f', '2026-01-14T18:00:00Z', '2026-01-14T20:00:00Z', north(40))] });
    const windows = computeAvailability([across, nearby], request(), options());
    const afternoon = windows.find((w) => localStarts([w])[0] === '14:00')!;
    expect(afternoon.candidates.map((c) => c.technicianId)).toEqual(['nearby', 'across']);
    expect(afternoon.candidates[0]!.addedTravelSeconds).toBeLessThan(afternoon.candidates[1]!.addedTravelSeconds);
  });

  it('fitsWindow agrees with computeAvailability, and the visit being moved does not block itself', () => {
    const own = visit('own', '2026-01-14T14:00:00Z', '2026-01-14T16:00:00Z', AUSTIN, 120);
    const busy = technician({ visits: [own] });
    const window = { start: Date.parse('2026-01-14T14:00:00Z'), end: Date.parse('2026-01-14T16:00:00Z') };
    expect(fitsWindow(busy, request({ durationMinutes: 120, place: { id: 'else', point: north(20) } }), window, { timezone: ZONE, bufferMinutes: 0 })).toBeNull();
    expect(fitsWindow(busy, request({ durationMinutes: 120, place: { id: 'else', point: north(20) } }), window, { timezone: ZONE, bufferMinutes: 0 }, 'own')).not.toBeNull();
  });
});

describe('availability: policy and time zones', () => {
  it('honours the earliest start (lead time) and the latest (horizon)', () => {
    const windows = computeAvailability([technician()], request(), options({ toDate: '2026-01-16', earliestStart: Date.parse('2026-01-14T17:00:00Z'), latestStart: Date.parse('2026-01-15T16:00:00Z') }));
    expect(windows.map((w) => new Date(w.start).toISOString())).toEqual([
      '2026-01-14T18:00:00.000Z',
      '2026-01-14T20:00:00.000Z',
      '2026-01-15T14:00:00.000Z',
      '2026-01-15T16:00:00.000Z',
    ]);
  });

  it('keeps local working hours across the daylight-saving change (08:00 is 14:00Z before, 13:00Z after)', () => {
    const windows = computeAvailability([technician()], request(), options({ fromDate: '2026-03-06', toDate: '2026-03-09' }));
    const first = (date: string) => new Date(windows.find((w) => w.date === date)!.start).toISOString();
    expect(first('2026-03-06')).toBe('2026-03-06T14:00:00.000Z');
    expect(first('2026-03-09')).toBe('2026-03-09T13:00:00.000Z');
    expect(windows.filter((w) => w.date === '2026-03-09')).toHaveLength(4);
  });

  it('works in any zone: Monday 08:00 in Berlin is 07:00Z', () => {
    const windows = computeAvailability([technician()], request(), options({ timezone: 'Europe/Berlin', fromDate: '2026-01-12', toDate: '2026-01-12' }));
    expect(new Date(windows[0]!.start).toISOString()).toBe('2026-01-12T07:00:00.000Z');
  });
});

describe('visitConflicts: a dispatcher placing a visit by hand', () => {
  const window = { start: Date.parse('2026-01-14T14:00:00Z'), end: Date.parse('2026-01-14T16:00:00Z') };
  it('allows overlapping windows the technician can still serve one after the other', () => {
    const existing = [visit('a', '2026-01-14T14:00:00Z', '2026-01-14T16:00:00Z', AUSTIN)];
    expect(visitConflicts(existing, { durationMinutes: 60, place: { id: 'place-a', point: AUSTIN } }, window)).toEqual({ fits: true, inTheWay: [] });
  });
  it('names the visits in the way when they cannot be', () => {
    // On site 08:00–08:30 arrival, 110 minutes; the new visit is 40 minutes' drive away.
    const existing = [visit('a', '2026-01-14T14:00:00Z', '2026-01-14T14:30:00Z', AUSTIN, 110)];
    const result = visitConflicts(existing, { durationMinutes: 60, place: { id: 'elsewhere', point: north(20) } }, window);
    expect(result.fits).toBe(false);
    expect(result.inTheWay.map((v) => v.id)).toEqual(['a']);
    expect(visitConflicts(existing, { durationMinutes: 60, place: { id: 'elsewhere', point: north(20) } }, window, 'a').fits).toBe(true);
  });
});
