import { describe, expect, it } from 'vitest';
import type { TechnicianCalendar } from '../../src/server/modules/scheduling/availability.js';
import { checkVrptwSolution } from '../../src/server/modules/scheduling/vrptw/check-vrptw-solution.js';
import { solveVrptw } from '../../src/server/modules/scheduling/vrptw/vrptw-solver.js';
import { buildDayProblem, currentRoutes, proposedRoutes, type DayInput, type DayVisit } from '../../src/server/modules/route-optimisation/route-problem-builder.js';

/** Wed 14 Jan 2026 in UTC (tests run with TZ=UTC; the company's zone is UTC too here). */
const DATE = '2026-01-14';
const at = (hour: number, minute = 0) => Date.UTC(2026, 0, 14, hour, minute);
const WEEKDAY = 3;

const calendar = (id: string, overrides: Partial<TechnicianCalendar> = {}): TechnicianCalendar => ({
  id,
  skills: [],
  home: { lat: 51.5, lng: -0.1 },
  hours: [{ weekday: WEEKDAY, startMinute: 8 * 60, endMinute: 17 * 60 }],
  timeOff: [],
  territories: [],
  visits: [],
  ...overrides,
});

let counter = 0;
const visit = (overrides: Partial<DayVisit> = {}): DayVisit => {
  counter++;
  return {
    appointmentId: `a${counter}`,
    jobId: `j${counter}`,
    jobReference: `ARV-${counter}`,
    customerName: `Customer ${counter}`,
    address: `${counter} High Street`,
    status: 'scheduled',
    technicianId: 'alex',
    windowStart: at(8),
    windowEnd: at(10),
    durationMinutes: 60,
    place: { id: `loc${counter}`, point: { lat: 51.5 + counter * 0.01, lng: -0.1 } },
    postalCode: null,
    requiredSkills: [],
    startedAt: null,
    completedAt: null,
    ...overrides,
  };
};

const day = (overrides: Partial<DayInput>): DayInput => ({
  date: DATE,
  timezone: 'UTC',
  now: at(6),
  technicians: [{ id: 'alex', name: 'Alex', calendar: calendar('alex') }],
  visits: [],
  bufferMinutes: 15,
  windowMinutes: 120,
  allowWindowChanges: false,
  ...overrides,
});

describe('a dispatch day as a heterogeneous VRPTW', () => {
  it('a working day with a break, or time off in the middle, is two stretches: two vehicles from home', () => {
    const split = buildDayProblem(
      day({
        technicians: [
          { id: 'alex', name: 'Alex', calendar: calendar('alex', { hours: [{ weekday: WEEKDAY, startMinute: 480, endMinute: 720 }, { weekday: WEEKDAY, startMinute: 780, endMinute: 1020 }] }) },
          { id: 'sam', name: 'Sam', calendar: calendar('sam', { timeOff: [{ start: at(11), end: at(12) }] }) },
          { id: 'kim', name: 'Kim', calendar: calendar('kim', { hours: [{ weekday: WEEKDAY + 1, startMinute: 480, endMinute: 1020 }] }) },
        ],
      }),
    );
    expect(split.vehicles.map((v) => [v.technicianId, new Date(v.shiftStart).toISOString().slice(11, 16), new Date(v.shiftEnd).toISOString().slice(11, 16)])).toEqual([
      ['alex', '08:00', '12:00'],
      ['alex', '13:00', '17:00'],
      ['sam', '08:00', '11:00'],
      ['sam', '12:00', '17:00'],
    ]);
  });

  it('a visit under way is fixed: the rest of the day starts where and when it ends', () => {
    const onSite = visit({ status: 'in_progress', startedAt: at(9), windowStart: at(8), windowEnd: at(10) });
    const later = visit({ windowStart: at(10), windowEnd: at(12) });
    const built = buildDayProblem(day({ now: at(9, 30), visits: [onSite, later] }));
    expect(built.fixed).toEqual([onSite]);
    expect(built.movable).toEqual([later]);
    expect(built.vehicles).toEqual([expect.objectContaining({ technicianId: 'alex', shiftStart: at(10), start: onSite.place })]);
    const { routes } = proposedRoutes(built, day({ now: at(9, 30), visits: [onSite, later] }), solveVrptw(built.problem, { maxIterations: 100 }));
    expect(routes[0]!.stops.map((s) => [s.visit.appointmentId, s.fixed])).toEqual([
      [onSite.appointmentId, true],
      [later.appointmentId, false],
    ]);
    expect(routes[0]!.stops[1]!.arrival).toBeGreaterThanOrEqual(at(10));
  });

  it('leaves as booked, with the reason, a visit whose window is over or that nobody is qualified for', () => {
    const over = visit({ windowStart: at(6), windowEnd: at(8) });
    const gas = visit({ requiredSkills: ['gas'] });
    const built = buildDayProblem(day({ now: at(9), visits: [over, gas] }));
    expect(built.unplaced.map((u) => [u.visit.appointmentId, u.reason])).toEqual([
      [over.appointmentId, 'window_passed'],
      [gas.appointmentId, 'no_qualified_technician'],
    ]);
    expect(built.movable).toEqual([]);
  });

  it('only qualified technicians may take a visit, and the solved day replays feasibly', () => {
    const technicians = [
      { id: 'alex', name: 'Alex', calendar: calendar('alex') },
      { id: 'sam', name: 'Sam', calendar: calendar('sam', { skills: ['Gas'], home: { lat: 51.7, lng: -0.1 } }) },
    ];
    const visits = [visit({ requiredSkills: ['gas'] }), visit(), visit({ windowStart: at(12), windowEnd: at(14) }), visit({ technicianId: null, windowStart: at(14), windowEnd: at(16) })];
    const input = day({ technicians, visits });
    const built = buildDayProblem(input);
    expect(built.problem.vehicles!.map((v) => v.allowedCustomers)).toEqual([
      [2, 3, 4],
      [1, 2, 3, 4],
    ]);
    const solution = solveVrptw(built.problem, { maxIterations: 500 });
    expect(checkVrptwSolution(built.problem, solution).violations).toEqual([]);
    const { routes, leftOut } = proposedRoutes(built, input, solution);
    expect(leftOut).toEqual([]);
    for (const route of routes) {
      for (const stop of route.stops) {
        expect(stop.arrival).toBeGreaterThanOrEqual(stop.visit.windowStart);
        expect(stop.arrival).toBeLessThanOrEqual(stop.visit.windowEnd);
        if (stop.visit.requiredSkills.length > 0) expect(route.technicianId).toBe('sam');
      }
    }
    // The current day is measured the same way: the unassigned visit is in nobody's route yet.
    expect(currentRoutes(built, input).flatMap((r) => r.stops.map((s) => s.visit.appointmentId))).toHaveLength(3);
  });

  it('with window changes allowed, a visit keeps its own window when the route can wait for it', () => {
    const early = visit({ windowStart: at(8), windowEnd: at(10) });
    const afternoon = visit({ windowStart: at(14), windowEnd: at(16) });
    const input = day({ visits: [early, afternoon], allowWindowChanges: true });
    const built = buildDayProblem(input);
    const { routes } = proposedRoutes(built, input, solveVrptw(built.problem, { maxIterations: 300 }));
    const stops = routes[0]!.stops;
    expect(stops.map((s) => [s.windowStart, s.windowEnd])).toEqual([
      [early.windowStart, early.windowEnd],
      [afternoon.windowStart, afternoon.windowEnd],
    ]);
  });
});
