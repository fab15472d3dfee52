import { describe, expect, it } from 'vitest';
import { computeAvailability, travelSeconds, type AvailabilityOptions, type ExistingVisit, type Place, type TechnicianCalendar } from '../../src/server/modules/scheduling/availability.js';
import { DEFAULT_WORKING_HOURS } from '../../src/server/modules/scheduling/booking-policy.js';

/**
 * A day built by customers booking one after another must stay a day the technician can keep: for
 * each technician, some order of their visits respects every window, the travel, the buffer and the
 * working hours. (Rebuilding a route by sorting visits on their windows once let a booking be checked
 * against an order no booking had assumed, and accept a visit into a day no order could keep.)
 */
const ZONE = 'America/Chicago';
const DAY = '2026-01-14';
const BUFFER_MINUTES = 15;
const AUSTIN = { lat: 30.2672, lng: -97.7431 };
const MINUTE = 60_000;

function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const around = (next: () => number, km: number) => ({ lat: AUSTIN.lat + ((next() * 2 - 1) * km) / 111.195, lng: AUSTIN.lng + ((next() * 2 - 1) * km) / 96.2 });

const options: AvailabilityOptions = {
  timezone: ZONE,
  fromDate: DAY,
  toDate: DAY,
  windowMinutes: 120,
  bufferMinutes: BUFFER_MINUTES,
  earliestStart: Date.parse('2026-01-01T00:00:00Z'),
  latestStart: Date.parse('2026-12-31T00:00:00Z'),
};

/** Whether some order of the visits can be kept (brute force: a day holds a handful). */
function keepable(technician: TechnicianCalendar, shiftStart: number, shiftEnd: number): boolean {
  const home: Place = { id: 'home', point: technician.home };
  const visits = technician.visits;
  const used = new Array<boolean>(visits.length).fill(false);
  const search = (at: Place, time: number, placed: number, previousIsVisit: boolean): boolean => {
    if (placed === visits.length) return time + travelSeconds(at, home) * 1000 <= shiftEnd;
    for (let i = 0; i < visits.length; i++) {
      if (used[i]) continue;
      const visit = visits[i]!;
      const arrival = Math.max(visit.windowStart, time + travelSeconds(at, visit.place) * 1000 + (previousIsVisit ? BUFFER_MINUTES * MINUTE : 0));
      if (arrival > visit.windowEnd) continue;
      used[i] = true;
      const ok = search(visit.place, arrival + visit.durationMinutes * MINUTE, placed + 1, true);
      used[i] = false;
      if (ok) return true;
    }
    return false;
  };
  return search(home, shiftStart, 0, false);
}

describe('days built by bookings', () => {
  it('can always be kept: 200 random days of customers booking the window nearest the time they want', () => {
    const shiftStart = Date.parse(`${DAY}T14:00:00Z`); // 08:00 in Austin
    const shiftEnd = Date.parse(`${DAY}T23:00:00Z`); // 17:00
    let booked = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const next = random(seed);
      const technicians: TechnicianCalendar[] = Array.from({ length: 3 }, (_, i) => ({
        id: `tech-${i}`,
        skills: [],
        home: around(next, 10),
        hours: [...DEFAULT_WORKING_HOURS],
        timeOff: [],
        territories: [],
        visits: [] as ExistingVisit[],
      }));
      for (let request = 0; request < 30; request++) {
        const place = { id: `customer-${seed}-${request}`, point: around(next, 12) };
        const wanted = shiftStart + next() * 8 * 60 * MINUTE;
        const durationMinutes = [30, 45, 60, 90][Math.floor(next() * 4)]!;
        const windows = computeAvailability(technicians, { durationMinutes, requiredSkills: [], place, postalCode: null }, options);
        if (windows.length === 0) break;
        const chosen = windows.reduce((best, w) => (Math.abs(w.start - wanted) < Math.abs(best.start - wanted) ? w : best));
        const technician = technicians.find((t) => t.id === chosen.candidates[0]!.technicianId)!;
        technician.visits.push({ id: place.id, windowStart: chosen.start, windowEnd: chosen.end, durationMinutes, place, placedAt: request });
        booked++;
      }
      for (const technician of technicians) expect(keepable(technician, shiftStart, shiftEnd), `seed ${seed}, ${technician.id}: ${technician.visits.length} visits`).toBe(true);
    }
    expect(booked).toBeGreaterThan(2000);
  });
});
