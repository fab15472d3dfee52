/**
 * Turns a dispatch day into the solver's heterogeneous VRPTW and its answer back into routes
 * (decision 009, "Real days"). Pure: no database, no clock, so it is tested on known days.
 *
 * - A vehicle is a technician's continuous stretch of work that day: their working hours minus
 *   time off, from now on when the day is today. A lunch break between two working intervals
 *   therefore means a trip home in the model, which is conservative, never optimistic.
 * - It leaves from and returns to the technician's home; without a home base, from the first visit
 *   of their current day, else from the middle of the day's visits (companies have no address).
 * - Visits under way or done (en route, on site, paused, completed) are fixed: the technician's
 *   remaining day starts where and when the last of them ends.
 * - A visit may only go to a qualified technician (skills, territories): the vehicles' allowed lists.
 * - Windows are hard; with `allowWindowChanges` a visit may arrive any time in the day, and is then
 *   given the window of the company's grid that contains its planned arrival (its own if possible).
 * - Travel is the ETA model's (availability.ts), plus the booking buffer between two visits.
 */
import { DateTime } from 'luxon';
import type { VrptwProblem, VrptwSolution, VrptwVehicle } from '../scheduling/vrptw/vrptw.types.js';
import { qualifies, travelSeconds, type Interval, type Place, type TechnicianCalendar } from '../scheduling/availability.js';
import { greatCircleMeters, roadMeters, type GeoPoint } from '../tracking/eta.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

export type VisitStatus = 'scheduled' | 'en_route' | 'in_progress' | 'paused' | 'completed';

export interface DayVisit {
  appointmentId: string;
  jobId: string;
  jobReference: string;
  customerName: string;
  address: string;
  status: VisitStatus;
  technicianId: string | null;
  windowStart: number;
  windowEnd: number;
  durationMinutes: number;
  place: Place;
  postalCode: string | null;
  requiredSkills: string[];
  startedAt: number | null;
  completedAt: number | null;
}

export interface DayTechnician {
  id: string;
  name: string;
  calendar: TechnicianCalendar;
}

export interface DayInput {
  /** Local date YYYY-MM-DD in `timezone`. */
  date: string;
  timezone: string;
  now: number;
  technicians: DayTechnician[];
  visits: DayVisit[];
  bufferMinutes: number;
  windowMinutes: number;
  allowWindowChanges: boolean;
}

export type UnplacedReason = 'no_qualified_technician' | 'window_passed' | 'no_time';

interface Vehicle {
  technicianId: string;
  /** Instants, ms. */
  shiftStart: number;
  shiftEnd: number;
  start: Place | null;
  end: Place | null;
}

export interface BuiltProblem {
  problem: VrptwProblem;
  vehicles: Vehicle[];
  /** Solver customer id k + 1 is movable[k]. */
  movable: DayVisit[];
  fixed: DayVisit[];
  unplaced: { visit: DayVisit; reason: UnplacedReason }[];
  dayStart: number;
  /** Travel in seconds and road metres between two places, buffers excluded. */
  legSeconds: (a: Place | null, b: Place | null) => number;
  legMeters: (a: Place | null, b: Place | null) => number;
}

export interface PlannedStop {
  visit: DayVisit;
  fixed: boolean;
  /** Planned start of service (arrival, after waiting for the window if early). */
  arrival: number;
  /** The window the customer is promised after the plan (differs only with allowWindowChanges). */
  windowStart: number;
  windowEnd: number;
  /** Arrives after the window ends (current routes only: a proposal never does). */
  late: boolean;
}

export interface TechnicianRoute {
  technicianId: string;
  stops: PlannedStop[];
  travelSeconds: number;
  travelMeters: number;
}

/** The visits still to plan: booked and not yet under way. */
export const isMovable = (visit: DayVisit) => visit.status === 'scheduled';

/** When a fixed visit frees its technician. */
function fixedEnd(visit: DayVisit, now: number): number {
  if (visit.completedAt !== null) return visit.completedAt;
  const start = visit.startedAt ?? Math.max(visit.windowStart, now);
  return Math.max(start + visit.durationMinutes * MINUTE, now);
}

/** The technician's working intervals on the day, minus time off, from `notBefore` on. */
export function workingStretches(calendar: TechnicianCalendar, day: DateTime, notBefore: number): Interval[] {
  const at = (minute: number) => (minute >= 1440 ? day.plus({ days: 1 }).startOf('day').plus({ minutes: minute - 1440 }) : day.set({ hour: Math.floor(minute / 60), minute: minute % 60, second: 0, millisecond: 0 })).toMillis();
  let stretches = calendar.hours
    .filter((h) => h.weekday === day.weekday && h.endMinute > h.startMinute)
    .map((h) => ({ start: at(h.startMinute), end: at(h.endMinute) }))
    .sort((a, b) => a.start - b.start);
  // Overlapping or touching intervals are one stretch.
  stretches = stretches.reduce<Interval[]>((merged, s) => {
    const last = merged[merged.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
    return merged;
  }, []);
  for (const off of calendar.timeOff) {
    stretches = stretches.flatMap((s) => {
      if (off.end <= s.start || off.start >= s.end) return [s];
      return [
        { start: s.start, end: off.start },
        { start: off.end, end: s.end },
      ].filter((part) => part.end > part.start);
    });
  }
  return stretches.map((s) => ({ start: Math.max(s.start, notBefore), end: s.end })).filter((s) => s.end > s.start);
}

function centroid(visits: readonly DayVisit[]): Place | null {
  const points = visits.flatMap((v) => (v.place.point ? [v.place.point] : []));
  if (points.length === 0) return null;
  const point: GeoPoint = { lat: points.reduce((sum, p) => sum + p.lat, 0) / points.length, lng: points.reduce((sum, p) => sum + p.lng, 0) / points.length };
  return { id: null, point };
}

const byWindow = (a: DayVisit, b: DayVisit) => a.windowStart - b.windowStart || a.windowEnd - b.windowEnd || (a.appointmentId < b.appointmentId ? -1 : 1);

/** Builds the solver's problem for a day. */
export function buildDayProblem(input: DayInput): BuiltProblem {
  const day = DateTime.fromISO(input.date, { zone: input.timezone }).startOf('day');
  const dayStart = day.toMillis();
  const dayEnd = day.plus({ days: 1 }).toMillis();
  const bufferSeconds = input.bufferMinutes * 60;
  const legSeconds = (a: Place | null, b: Place | null) => (a && b ? travelSeconds(a, b) : 0);
  const legMeters = (a: Place | null, b: Place | null) => {
    if (!a || !b || !a.point || !b.point || (a.id !== null && a.id === b.id)) return 0;
    return roadMeters(greatCircleMeters(a.point, b.point));
  };
  const dayCentre = centroid(input.visits);

  const movable: DayVisit[] = [];
  const fixed: DayVisit[] = [];
  const unplaced: BuiltProblem['unplaced'] = [];
  for (const visit of [...input.visits].sort(byWindow)) {
    if (!isMovable(visit)) fixed.push(visit);
    else if (visit.windowEnd < input.now) unplaced.push({ visit, reason: 'window_passed' });
    else if (!input.technicians.some((t) => qualifies(t.calendar, visit))) unplaced.push({ visit, reason: 'no_qualified_technician' });
    else movable.push(visit);
  }

  const vehicles: Vehicle[] = [];
  for (const technician of input.technicians) {
    const own = input.visits.filter((v) => v.technicianId === technician.id).sort(byWindow);
    const home: Place | null = technician.calendar.home ? { id: `home:${technician.id}`, point: technician.calendar.home } : (own[0]?.place ?? dayCentre);
    const lastFixed = fixed.filter((v) => v.technicianId === technician.id).sort((a, b) => fixedEnd(a, input.now) - fixedEnd(b, input.now)).pop();
    const freeFrom = Math.max(input.now, lastFixed ? fixedEnd(lastFixed, input.now) : input.now);
    const stretches = workingStretches(technician.calendar, day, freeFrom);
    stretches.forEach((stretch, index) => {
      // The remaining day starts where the last fixed visit is; later stretches from home.
      const start = index === 0 && lastFixed ? lastFixed.place : home;
      vehicles.push({ technicianId: technician.id, shiftStart: stretch.start, shiftEnd: stretch.end, start, end: home });
    });
  }

  // Nodes: 0 the middle of the day (orderings only), 1..n the visits, then each vehicle's start and end.
  const places: (Place | null)[] = [dayCentre, ...movable.map((v) => v.place), ...vehicles.flatMap((v) => [v.start, v.end])];
  const n = movable.length;
  const travelTimes = places.map((from, i) =>
    places.map((to, j) => {
      if (i === j) return 0;
      const isVisit = (k: number) => k >= 1 && k <= n;
      return legSeconds(from, to) + (isVisit(i) && isVisit(j) ? bufferSeconds : 0);
    }),
  );
  const seconds = (instant: number) => (instant - dayStart) / SECOND;
  const solverVehicles: VrptwVehicle[] = vehicles.map((vehicle, index) => {
    const calendar = input.technicians.find((t) => t.id === vehicle.technicianId)!.calendar;
    return {
      id: index,
      shiftStart: seconds(vehicle.shiftStart),
      shiftEnd: seconds(vehicle.shiftEnd),
      allowedCustomers: movable.flatMap((visit, k) => (qualifies(calendar, visit) ? [k + 1] : [])),
    };
  });
  const problem: VrptwProblem = {
    name: `day ${input.date}`,
    depot: { windowStart: 0, windowEnd: seconds(dayEnd) },
    customers: movable.map((visit, k) => {
      const [from, to] = input.allowWindowChanges ? [dayStart, Math.max(dayEnd, visit.windowEnd)] : [visit.windowStart, visit.windowEnd];
      return { id: k + 1, demand: 0, serviceTime: visit.durationMinutes * 60, windowStart: seconds(Math.max(from, input.now)), windowEnd: seconds(to) };
    }),
    vehicleCapacity: 1,
    maxVehicles: Math.max(1, vehicles.length),
    travelTimes,
    vehicles: solverVehicles,
  };
  return { problem, vehicles, movable, fixed, unplaced, dayStart, legSeconds, legMeters };
}

/** The grid window (company window length, from local midnight) that contains an instant. */
function gridWindowAt(instant: number, dayStart: number, windowMinutes: number): Interval {
  const length = windowMinutes * MINUTE;
  const start = dayStart + Math.floor((instant - dayStart) / length) * length;
  return { start, end: start + length };
}

interface Leg {
  visit: DayVisit;
  earliest: number;
}

/**
 * Replays one vehicle's visits in order from its start: arrival (service start) at each, travel and
 * distance. With window changes allowed, each visit keeps its own window when the route can arrive
 * inside it without delaying what follows; otherwise it gets the grid window of its arrival.
 */
function replayVehicle(built: BuiltProblem, input: DayInput, vehicle: Vehicle, visits: readonly DayVisit[], checkLate: boolean): TechnicianRoute {
  const bufferMs = input.bufferMinutes * MINUTE;
  const gap = (a: Place | null, b: Place | null, bothVisits: boolean) => built.legSeconds(a, b) * SECOND + (bothVisits ? bufferMs : 0);
  const relaxed = input.allowWindowChanges && !checkLate;
  const windowOf = (visit: DayVisit): Interval => (relaxed ? { start: built.dayStart, end: built.dayStart + 24 * 60 * MINUTE } : { start: visit.windowStart, end: visit.windowEnd });
  // Latest start at each position that keeps the rest of the route (and the return home) in time.
  const latest: number[] = new Array<number>(visits.length);
  let next = vehicle.shiftEnd;
  let nextPlace = vehicle.end;
  for (let k = visits.length - 1; k >= 0; k--) {
    const visit = visits[k]!;
    latest[k] = Math.min(windowOf(visit).end, next - gap(visit.place, nextPlace, k < visits.length - 1) - visit.durationMinutes * MINUTE);
    next = latest[k]!;
    nextPlace = visit.place;
  }
  const legs: Leg[] = [];
  const stops: PlannedStop[] = [];
  let time = vehicle.shiftStart;
  let place = vehicle.start;
  let travelSeconds = 0;
  let travelMeters = 0;
  visits.forEach((visit, k) => {
    travelSeconds += built.legSeconds(place, visit.place);
    travelMeters += built.legMeters(place, visit.place);
    const reach = time + gap(place, visit.place, k > 0);
    let arrival = Math.max(reach, Math.max(windowOf(visit).start, input.now));
    let window: Interval = { start: visit.windowStart, end: visit.windowEnd };
    if (relaxed) {
      // Wait for the customer's own window when that still leaves the rest of the day in time.
      const own = Math.max(reach, visit.windowStart);
      if (own <= visit.windowEnd && own <= latest[k]!) arrival = own;
      else window = gridWindowAt(arrival, built.dayStart, input.windowMinutes);
    }
    legs.push({ visit, earliest: arrival });
    stops.push({ visit, fixed: false, arrival, windowStart: window.start, windowEnd: window.end, late: checkLate && arrival > visit.windowEnd });
    time = arrival + visit.durationMinutes * MINUTE;
    place = visit.place;
  });
  if (visits.length > 0) {
    travelSeconds += built.legSeconds(place, vehicle.end);
    travelMeters += built.legMeters(place, vehicle.end);
  }
  return { technicianId: vehicle.technicianId, stops, travelSeconds, travelMeters };
}

/** One route per technician: fixed visits first, then each of their vehicles' visits in order. */
function technicianRoutes(built: BuiltProblem, input: DayInput, perVehicle: DayVisit[][], checkLate: boolean): TechnicianRoute[] {
  return input.technicians.map((technician) => {
    const fixedStops: PlannedStop[] = built.fixed
      .filter((v) => v.technicianId === technician.id)
      .sort(byWindow)
      .map((visit) => ({ visit, fixed: true, arrival: visit.startedAt ?? visit.windowStart, windowStart: visit.windowStart, windowEnd: visit.windowEnd, late: false }));
    const route: TechnicianRoute = { technicianId: technician.id, stops: fixedStops, travelSeconds: 0, travelMeters: 0 };
    built.vehicles.forEach((vehicle, index) => {
      if (vehicle.technicianId !== technician.id || perVehicle[index]!.length === 0) return;
      const part = replayVehicle(built, input, vehicle, perVehicle[index]!, checkLate);
      route.stops.push(...part.stops);
      route.travelSeconds += part.travelSeconds;
      route.travelMeters += part.travelMeters;
    });
    return route;
  });
}

/**
 * Today's routes as booked: each technician's movable visits in window order, in the working
 * stretch their window starts in (or the nearest), so before and after are measured alike.
 */
export function currentRoutes(built: BuiltProblem, input: DayInput): TechnicianRoute[] {
  const perVehicle: DayVisit[][] = built.vehicles.map(() => []);
  const orphans: DayVisit[] = [];
  for (const visit of [...built.movable, ...built.unplaced.map((u) => u.visit).filter(isMovable)].sort(byWindow)) {
    if (!visit.technicianId) continue;
    let best = -1;
    let bestDistance = Infinity;
    built.vehicles.forEach((vehicle, index) => {
      if (vehicle.technicianId !== visit.technicianId) return;
      const distance = visit.windowStart < vehicle.shiftStart ? vehicle.shiftStart - visit.windowStart : visit.windowStart > vehicle.shiftEnd ? visit.windowStart - vehicle.shiftEnd : 0;
      if (distance < bestDistance) {
        best = index;
        bestDistance = distance;
      }
    });
    if (best >= 0) perVehicle[best]!.push(visit);
    else orphans.push(visit);
  }
  const routes = technicianRoutes(built, input, perVehicle, true);
  // A technician with visits but no working time left that day: listed, in window order, no travel model.
  for (const visit of orphans) {
    const route = routes.find((r) => r.technicianId === visit.technicianId);
    route?.stops.push({ visit, fixed: false, arrival: visit.windowStart, windowStart: visit.windowStart, windowEnd: visit.windowEnd, late: false });
  }
  return routes;
}

/** The solver's answer as technicians' routes, with arrivals and (if allowed) the new windows. */
export function proposedRoutes(built: BuiltProblem, input: DayInput, solution: VrptwSolution): { routes: TechnicianRoute[]; leftOut: DayVisit[] } {
  const perVehicle: DayVisit[][] = built.vehicles.map(() => []);
  solution.routes.forEach((route, index) => {
    const vehicle = solution.vehicleIds![index]!;
    perVehicle[vehicle] = route.map((id) => built.movable[id - 1]!);
  });
  return { routes: technicianRoutes(built, input, perVehicle, false), leftOut: (solution.unassigned ?? []).map((id) => built.movable[id - 1]!) };
}
