/**
 * Bookable arrival windows, pure so it can be tested on known calendars (decision 010).
 *
 * A technician's day is a route: leave home (when a home base is set) no earlier than the start of
 * their working hours, visit each booked appointment arriving inside its window, be home by the
 * end of their working hours. Breaks between working intervals and time off are fixed stops of
 * their own. A new visit fits a window if it can be inserted somewhere in that route so that the
 * technician arrives inside the window, and every later stop can still be reached in time: the
 * classic insertion test of vehicle routing with time windows, with earliest service times
 * computed forwards and latest ones backwards. Travel comes from the ETA model (tracking/eta.ts).
 */
import { DateTime } from 'luxon';
import { ARRIVAL_OVERHEAD_SECONDS, greatCircleMeters, profileSeconds, roadMeters, type GeoPoint } from '../tracking/eta.js';

const MINUTE_MS = 60_000;
const SECOND_MS = 1000;

/**
 * Travel assumed to or from an address without coordinates: half an hour covers most legs inside a
 * service area (the model gives ~25 min for 10 km), so such addresses are bookable but never packed tightly.
 */
export const UNKNOWN_TRAVEL_SECONDS = 30 * 60;

/** Where a stop is: `id` makes two visits at one address free of travel even without coordinates. */
export interface Place {
  id: string | null;
  point: GeoPoint | null;
}

export interface WorkingInterval {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  startMinute: number;
  endMinute: number;
}

/** An interval of instants, epoch milliseconds, end excluded. */
export interface Interval {
  start: number;
  end: number;
}

export interface ExistingVisit {
  id: string;
  windowStart: number;
  windowEnd: number;
  durationMinutes: number;
  place: Place;
  /**
   * When the visit got its current window and technician. A day's route is rebuilt by inserting its
   * visits in this order, as they were booked, so it comes out in the order the bookings assumed.
   */
  placedAt?: number;
}

export interface Territory {
  postalCodes: string[];
  /** [lat, lng] vertices. */
  polygon: [number, number][] | null;
}

/** Everything availability needs about one technician. */
export interface TechnicianCalendar {
  id: string;
  skills: string[];
  home: GeoPoint | null;
  /** Already resolved: the technician's own hours, or the company default. */
  hours: WorkingInterval[];
  timeOff: Interval[];
  /** Empty: serves everywhere. */
  territories: Territory[];
  visits: ExistingVisit[];
}

export interface VisitRequest {
  durationMinutes: number;
  requiredSkills: string[];
  place: Place;
  postalCode: string | null;
}

export interface AvailabilityOptions {
  timezone: string;
  /** Local dates (YYYY-MM-DD) in the company's zone, both included. */
  fromDate: string;
  toDate: string;
  windowMinutes: number;
  bufferMinutes: number;
  /** No window starts before this instant (now + lead time). */
  earliestStart: number;
  /** No window starts after this instant (now + horizon). */
  latestStart: number;
}

export interface WindowCandidate {
  technicianId: string;
  /** Travel the visit adds to the technician's route, in seconds. */
  addedTravelSeconds: number;
  /** Planned arrival if nothing else changes. */
  plannedArrival: number;
  visitsThatDay: number;
}

export interface AvailableWindow {
  /** The local date the window belongs to. */
  date: string;
  start: number;
  end: number;
  /** Best first: least added travel, then the lightest day. */
  candidates: WindowCandidate[];
}

// ------------------------------------------------------------------ qualification

const normalisePostalCode = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');

/** Whether a postal code matches a territory entry: exact, or a prefix when the entry ends in `*`. */
export function postalCodeMatches(entry: string, postalCode: string): boolean {
  const pattern = normalisePostalCode(entry);
  const code = normalisePostalCode(postalCode);
  return pattern.endsWith('*') ? code.startsWith(pattern.slice(0, -1)) : code === pattern;
}

/** Ray casting on latitude/longitude: exact enough for service areas, which are far from the poles and the antimeridian. */
export function pointInPolygon(point: GeoPoint, polygon: readonly (readonly [number, number])[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [latI, lngI] = polygon[i]!;
    const [latJ, lngJ] = polygon[j]!;
    const crosses = latI > point.lat !== latJ > point.lat && point.lng < ((lngJ - lngI) * (point.lat - latI)) / (latJ - latI) + lngI;
    if (crosses) inside = !inside;
  }
  return inside;
}

/** Whether an address lies in a territory: by postal code, or inside its polygon. */
export function inTerritory(territory: Territory, postalCode: string | null, point: GeoPoint | null): boolean {
  if (postalCode && territory.postalCodes.some((entry) => postalCodeMatches(entry, postalCode))) return true;
  return point !== null && territory.polygon !== null && territory.polygon.length >= 3 && pointInPolygon(point, territory.polygon);
}

/** Whether a technician has every skill the visit needs (case-insensitive) and serves its address. */
export function qualifies(technician: Pick<TechnicianCalendar, 'skills' | 'territories'>, request: Pick<VisitRequest, 'requiredSkills' | 'postalCode' | 'place'>): boolean {
  const skills = new Set(technician.skills.map((s) => s.toLowerCase()));
  if (!request.requiredSkills.every((s) => skills.has(s.toLowerCase()))) return false;
  return technician.territories.length === 0 || technician.territories.some((t) => inTerritory(t, request.postalCode, request.place.point));
}

// ------------------------------------------------------------------ travel

/** Driving time between two places, in seconds, from the ETA model; unknown coordinates cost UNKNOWN_TRAVEL_SECONDS. */
export function travelSeconds(a: Place, b: Place): number {
  if (a.id !== null && a.id === b.id) return 0;
  if (!a.point || !b.point) return UNKNOWN_TRAVEL_SECONDS;
  const straight = greatCircleMeters(a.point, b.point);
  if (straight < 1) return 0;
  return profileSeconds(roadMeters(straight)) + ARRIVAL_OVERHEAD_SECONDS;
}

// ------------------------------------------------------------------ one technician's day

type StopKind = 'depot' | 'block' | 'visit';

interface Stop {
  kind: StopKind;
  /** null: anywhere (no home base, a break): no travel to or from it. */
  place: Place | null;
  /** Service may start no earlier than this… */
  earliest: number;
  /** …and no later than this (arrival by the window's end). */
  latest: number;
  durationMs: number;
}

/** A day's route with its earliest (forward) and latest (backward) service times. */
interface DayRoute {
  frameStart: number;
  frameEnd: number;
  stops: Stop[];
  earliest: number[];
  latest: number[];
  visits: number;
}

const travelMs = (a: Stop, b: Stop) => (a.place && b.place ? travelSeconds(a.place, b.place) * SECOND_MS : 0);
const gapMs = (a: Stop, b: Stop, bufferMs: number) => travelMs(a, b) + (a.kind === 'visit' && b.kind === 'visit' ? bufferMs : 0);

/** Instants of minutes after local midnight of one day, memoised: luxon's zone arithmetic dominates the cost otherwise. */
type DayClock = (minute: number) => number;

function dayClock(day: DateTime): DayClock {
  const cache = new Map<number, number>();
  return (minute) => {
    let instant = cache.get(minute);
    if (instant === undefined) cache.set(minute, (instant = localMinute(day, minute)));
    return instant;
  };
}

/** The instant of `minute` after local midnight of `day` (1440 = the next midnight), DST-safe. */
function localMinute(day: DateTime, minute: number): number {
  if (minute >= 1440) return day.plus({ days: 1 }).startOf('day').plus({ minutes: minute - 1440 }).toMillis();
  return day.set({ hour: Math.floor(minute / 60), minute: minute % 60, second: 0, millisecond: 0 }).toMillis();
}

/**
 * The route of a technician on a local date, or null if they do not work that day: breaks and time
 * off as fixed stops, the visits in the order they were booked (see routeOf).
 */
function buildDayRoute(technician: TechnicianCalendar, day: DateTime, at: DayClock, bufferMs: number, excludeVisitId: string | null): DayRoute | null {
  const intervals = technician.hours
    .filter((h) => h.weekday === day.weekday && h.endMinute > h.startMinute)
    .map((h) => ({ start: at(h.startMinute), end: at(h.endMinute) }))
    .sort((a, b) => a.start - b.start);
  if (intervals.length === 0) return null;
  const frameStart = intervals[0]!.start;
  const frameEnd = Math.max(...intervals.map((i) => i.end));

  const blocks: Interval[] = [];
  for (let i = 1; i < intervals.length; i++) {
    const gapStart = Math.max(...intervals.slice(0, i).map((x) => x.end));
    if (intervals[i]!.start > gapStart) blocks.push({ start: gapStart, end: intervals[i]!.start });
  }
  for (const off of technician.timeOff) {
    const start = Math.max(off.start, frameStart);
    const end = Math.min(off.end, frameEnd);
    if (end > start) blocks.push({ start, end });
  }
  if (blocks.some((b) => b.start <= frameStart && b.end >= frameEnd)) return null;

  const home: Place | null = technician.home ? { id: `home:${technician.id}`, point: technician.home } : null;
  const blockStops = blocks.map((b): Stop => ({ kind: 'block', place: null, earliest: b.start, latest: b.start, durationMs: b.end - b.start }));
  return routeOf(technician.visits, excludeVisitId, blockStops, frameStart, frameEnd, home, bufferMs);
}

/**
 * A technician's route between two depots, rebuilt the way it was booked: each visit is inserted,
 * in the order it was placed, where it adds the least driving. Sorting visits by window instead
 * would order two visits of one window arbitrarily, and a later booking could then be checked
 * against an order no booking assumed, and accepted into a day no order can keep. A visit that fits
 * nowhere (a dispatcher's "Book anyway") goes in by its window, so the route stays conservative.
 */
function routeOf(visits: readonly ExistingVisit[], excludeVisitId: string | null, blocks: Stop[], frameStart: number, frameEnd: number, home: Place | null, bufferMs: number): DayRoute {
  const placed = visits
    // Every visit whose time on site can reach into the frame, including one fixed at its very start.
    .filter((v) => v.id !== excludeVisitId && v.windowStart < frameEnd && v.windowEnd + v.durationMinutes * MINUTE_MS > frameStart)
    .sort((a, b) => (a.placedAt ?? a.windowStart) - (b.placedAt ?? b.windowStart) || a.windowStart - b.windowStart || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  let route = passes([...blocks].sort(byWindow), frameStart, frameEnd, home, bufferMs);
  for (const visit of placed) {
    const stop: Stop = { kind: 'visit', place: visit.place, earliest: visit.windowStart, latest: visit.windowEnd, durationMs: visit.durationMinutes * MINUTE_MS };
    const middle = route.stops.slice(1, -1);
    const fit = bestInsertion(route, stop, bufferMs);
    const at = fit ? fit.after : middle.findIndex((other) => byWindow(stop, other) < 0);
    middle.splice(at < 0 ? middle.length : at, 0, stop);
    route = passes(middle, frameStart, frameEnd, home, bufferMs);
  }
  return route;
}

const byWindow = (a: Stop, b: Stop) => a.earliest - b.earliest || a.latest - b.latest;

/** Puts the stops between the two depots and runs the forward (earliest) and backward (latest) passes. */
function passes(middle: Stop[], frameStart: number, frameEnd: number, home: Place | null, bufferMs: number): DayRoute {
  const stops: Stop[] = [
    { kind: 'depot', place: home, earliest: frameStart, latest: Number.POSITIVE_INFINITY, durationMs: 0 },
    ...middle,
    { kind: 'depot', place: home, earliest: Number.NEGATIVE_INFINITY, latest: frameEnd, durationMs: 0 },
  ];
  const earliest = stops.map((stop) => stop.earliest);
  for (let i = 1; i < stops.length; i++) {
    earliest[i] = Math.max(stops[i]!.earliest, earliest[i - 1]! + stops[i - 1]!.durationMs + gapMs(stops[i - 1]!, stops[i]!, bufferMs));
  }
  const latest = stops.map((stop) => stop.latest);
  for (let i = stops.length - 2; i >= 0; i--) {
    latest[i] = Math.min(stops[i]!.latest, latest[i + 1]! - gapMs(stops[i]!, stops[i + 1]!, bufferMs) - stops[i]!.durationMs);
  }
  return { frameStart, frameEnd, stops, earliest, latest, visits: middle.filter((stop) => stop.kind === 'visit').length };
}

/**
 * The best place for a new visit in a route, or null if it fits nowhere; `after` is the position
 * among the stops between the depots it goes to (0: first).
 */
function bestInsertion(route: DayRoute, visit: Stop, bufferMs: number): { addedTravelSeconds: number; arrival: number; after: number } | null {
  let best: { addedTravelSeconds: number; arrival: number; after: number } | null = null;
  for (let i = 0; i < route.stops.length - 1; i++) {
    const before = route.stops[i]!;
    const after = route.stops[i + 1]!;
    // Service times only grow along the route: once the one before starts after the window closes, nothing later can work.
    if (before.kind !== 'depot' && route.earliest[i]! > visit.latest) break;
    const arrival = Math.max(visit.earliest, route.earliest[i]! + before.durationMs + gapMs(before, visit, bufferMs));
    if (arrival > visit.latest) continue;
    if (arrival + visit.durationMs + gapMs(visit, after, bufferMs) > route.latest[i + 1]!) continue;
    const added = Math.round((travelMs(before, visit) + travelMs(visit, after) - travelMs(before, after)) / SECOND_MS);
    if (!best || added < best.addedTravelSeconds) best = { addedTravelSeconds: added, arrival, after: i };
  }
  return best;
}

const visitStop = (request: VisitRequest, window: Interval): Stop => ({
  kind: 'visit',
  place: request.place,
  earliest: window.start,
  latest: window.end,
  durationMs: request.durationMinutes * MINUTE_MS,
});

const byPreference = (a: WindowCandidate, b: WindowCandidate) =>
  a.addedTravelSeconds - b.addedTravelSeconds || a.visitsThatDay - b.visitsThatDay || (a.technicianId < b.technicianId ? -1 : a.technicianId > b.technicianId ? 1 : 0);

/** The local dates from `fromDate` to `toDate`, both included. */
export function localDates(fromDate: string, toDate: string, timezone: string): DateTime[] {
  const days: DateTime[] = [];
  let day = DateTime.fromISO(fromDate, { zone: timezone }).startOf('day');
  const last = DateTime.fromISO(toDate, { zone: timezone }).startOf('day');
  while (day <= last) {
    days.push(day);
    day = day.plus({ days: 1 });
  }
  return days;
}

/**
 * The arrival windows of a local day: back to back from local midnight, `windowMinutes` long, so
 * every customer sees the same tidy grid (08:00–10:00, 10:00–12:00 …) whoever works when.
 */
export function windowGrid(day: DateTime, windowMinutes: number, at: DayClock = dayClock(day)): Interval[] {
  const windows: Interval[] = [];
  for (let minute = 0; minute < 1440; minute += windowMinutes) {
    windows.push({ start: at(minute), end: at(minute + windowMinutes) });
  }
  return windows;
}

/**
 * The bookable windows for a visit: a window is offered when some qualified technician works then,
 * is not off, and can fit the visit into their route with travel and buffers; each window lists
 * the technicians who could take it, best first.
 */
export function computeAvailability(technicians: readonly TechnicianCalendar[], request: VisitRequest, options: AvailabilityOptions, excludeVisitId: string | null = null): AvailableWindow[] {
  const bufferMs = options.bufferMinutes * MINUTE_MS;
  const qualified = technicians.filter((t) => qualifies(t, request));
  const result: AvailableWindow[] = [];
  if (qualified.length === 0) return result;
  for (const day of localDates(options.fromDate, options.toDate, options.timezone)) {
    const at = dayClock(day);
    const windows = windowGrid(day, options.windowMinutes, at).filter((w) => w.start >= options.earliestStart && w.start <= options.latestStart);
    if (windows.length === 0) continue;
    const routes = qualified.map((t) => ({ technician: t, route: buildDayRoute(t, day, at, bufferMs, excludeVisitId) })).filter((r) => r.route !== null);
    for (const window of windows) {
      const candidates: WindowCandidate[] = [];
      for (const { technician, route } of routes) {
        // Windows lie inside working hours: a customer is never promised 06:00–08:00 by someone who starts at 08:00.
        if (window.start < route!.frameStart || window.end > route!.frameEnd) continue;
        const fit = bestInsertion(route!, visitStop(request, window), bufferMs);
        if (fit) candidates.push({ technicianId: technician.id, addedTravelSeconds: fit.addedTravelSeconds, plannedArrival: fit.arrival, visitsThatDay: route!.visits });
      }
      if (candidates.length > 0) result.push({ date: day.toISODate()!, start: window.start, end: window.end, candidates: candidates.sort(byPreference) });
    }
  }
  return result;
}

/**
 * Whether one technician can take one window, with everything `computeAvailability` checks: the
 * booking's re-check inside its transaction uses this, so it can never disagree with what was offered.
 */
export function fitsWindow(technician: TechnicianCalendar, request: VisitRequest, window: Interval, options: Pick<AvailabilityOptions, 'timezone' | 'bufferMinutes'>, excludeVisitId: string | null = null): WindowCandidate | null {
  if (!qualifies(technician, request)) return null;
  const bufferMs = options.bufferMinutes * MINUTE_MS;
  const day = DateTime.fromMillis(window.start, { zone: options.timezone }).startOf('day');
  const route = buildDayRoute(technician, day, dayClock(day), bufferMs, excludeVisitId);
  if (!route || window.start < route.frameStart || window.end > route.frameEnd) return null;
  const fit = bestInsertion(route, visitStop(request, window), bufferMs);
  return fit && { technicianId: technician.id, addedTravelSeconds: fit.addedTravelSeconds, plannedArrival: fit.arrival, visitsThatDay: route.visits };
}

/**
 * Whether a visit placed by a dispatcher collides with the technician's other visits: it does if it
 * cannot be fitted between them with its duration and travel. Working hours, skills, territories
 * and buffers are the dispatcher's call and are not checked; overlapping arrival windows are fine
 * as long as the visits can be done one after the other. When it does not fit, names the visits in the way.
 */
export function visitConflicts(visits: readonly ExistingVisit[], request: Pick<VisitRequest, 'durationMinutes' | 'place'>, window: Interval, excludeVisitId: string | null = null): { fits: boolean; inTheWay: ExistingVisit[] } {
  // A day either side: far enough that no visit beyond it could matter, with no working hours to respect.
  const margin = 24 * 60 * MINUTE_MS;
  const route = routeOf(visits, excludeVisitId, [], window.start - margin, window.end + 2 * margin, null, 0);
  const stop: Stop = { kind: 'visit', place: request.place, earliest: window.start, latest: window.end, durationMs: request.durationMinutes * MINUTE_MS };
  if (bestInsertion(route, stop, 0)) return { fits: true, inTheWay: [] };
  // In the way: visits whose time on site, with travel either side, reaches into the new visit's.
  const reach = UNKNOWN_TRAVEL_SECONDS * SECOND_MS;
  const newEnd = window.end + stop.durationMs;
  const inTheWay = visits.filter((v) => v.id !== excludeVisitId && v.windowStart - reach < newEnd && v.windowEnd + v.durationMinutes * MINUTE_MS + reach > window.start);
  return { fits: false, inTheWay: inTheWay.sort((a, b) => a.windowStart - b.windowStart) };
}
