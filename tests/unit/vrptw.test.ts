import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkVrptwSolution } from '../../src/server/modules/scheduling/vrptw/check-vrptw-solution.js';
import { SeededRandom } from '../../src/server/modules/scheduling/vrptw/random.js';
import { parseSolomonInstance } from '../../src/server/modules/scheduling/vrptw/solomon-format.js';
import { solveVrptw } from '../../src/server/modules/scheduling/vrptw/vrptw-solver.js';
import type { VrptwCustomer, VrptwProblem } from '../../src/server/modules/scheduling/vrptw/vrptw.types.js';

const DATA = fileURLToPath(new URL('../../bench/data/solomon/', import.meta.url));
const instanceFiles = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.txt'))
    .sort()
    .map((file) => path.join(dir, file));
const readInstance = (file: string) => parseSolomonInstance(fs.readFileSync(file, 'utf8'), path.basename(file));

/** Four customers at the corners of a square around the depot, wide windows. */
function squareProblem(overrides: Partial<VrptwProblem> = {}, customer: Partial<VrptwCustomer> = {}): VrptwProblem {
  const corners = [
    [10, 10],
    [10, -10],
    [-10, -10],
    [-10, 10],
  ];
  return {
    name: 'square',
    depot: { x: 0, y: 0, windowStart: 0, windowEnd: 1000 },
    customers: corners.map(([x, y], index) => ({ id: index + 1, x: x!, y: y!, demand: 10, windowStart: 0, windowEnd: 1000, serviceTime: 5, ...customer })),
    vehicleCapacity: 100,
    maxVehicles: 4,
    ...overrides,
  };
}

describe('Solomon format', () => {
  const c101 = fs.readFileSync(path.join(DATA, 'C101.txt'), 'utf8');

  it('reads an instance: fleet, depot and customer rows', () => {
    const problem = parseSolomonInstance(c101, 'C101.txt');
    expect(problem.name).toBe('C101');
    expect(problem.maxVehicles).toBe(25);
    expect(problem.vehicleCapacity).toBe(200);
    expect(problem.depot).toEqual({ x: 40, y: 50, windowStart: 0, windowEnd: 1236 });
    expect(problem.customers).toHaveLength(100);
    expect(problem.customers[0]).toEqual({ id: 1, x: 45, y: 68, demand: 10, windowStart: 912, windowEnd: 967, serviceTime: 90 });
  });

  it('reads CRLF and LF files alike, trailing spaces included', () => {
    expect(c101).toContain('\r\n');
    expect(parseSolomonInstance(c101.replace(/\r\n/g, '\n'))).toEqual(parseSolomonInstance(c101));
  });

  it('names the line of a bad row', () => {
    const lines = c101.split('\r\n');
    lines[11] = '    2      45         70         30        825';
    expect(() => parseSolomonInstance(lines.join('\r\n'), 'broken.txt')).toThrow(/broken\.txt, line 12: expected 7 numbers/);
    lines[11] = '    2      45         seventy    30        825        870         90';
    expect(() => parseSolomonInstance(lines.join('\r\n'), 'broken.txt')).toThrow(/line 12/);
    expect(() => parseSolomonInstance('C101\r\n\r\nVEHICLE\r\nNUMBER CAPACITY\r\n 25 two hundred\r\n', 'fleet.txt')).toThrow(/fleet\.txt, line 5/);
  });
});

describe('the feasibility checker', () => {
  const problem = squareProblem();
  const side = 20;
  const spoke = Math.hypot(10, 10);

  it('accepts a feasible solution and recomputes its distance', () => {
    const check = checkVrptwSolution(problem, { routes: [[1, 2, 3, 4]] });
    expect(check).toMatchObject({ feasible: true, violations: [], vehicles: 1 });
    expect(check.distance).toBeCloseTo(2 * spoke + 3 * side, 9);
  });

  it('finds a customer left out, one served twice and an unknown one', () => {
    expect(checkVrptwSolution(problem, { routes: [[1, 2, 3]] }).violations).toEqual(['customer 4 is not visited']);
    expect(checkVrptwSolution(problem, { routes: [[1, 2, 3, 4], [2]] }).violations).toEqual(['customer 2 is visited 2 times']);
    expect(checkVrptwSolution(problem, { routes: [[1, 2, 3, 4, 9]] }).violations).toEqual(['route 1 visits unknown customer 9']);
  });

  it('finds an overloaded vehicle', () => {
    const check = checkVrptwSolution(squareProblem({ vehicleCapacity: 30 }), { routes: [[1, 2, 3, 4]] });
    expect(check.violations).toEqual(['route 1 carries 40, more than the capacity 30']);
  });

  it('finds a window missed, counting waiting and service time', () => {
    // Customer 2 is reached at 14.1 + 5 + 20 = 39.1; a window ending at 39 is missed.
    const tight = squareProblem();
    tight.customers[1] = { ...tight.customers[1]!, windowEnd: 39 };
    expect(checkVrptwSolution(tight, { routes: [[1, 2, 3, 4]] }).violations).toEqual(['route 1 reaches customer 2 at 39.142, after its window ends at 39']);
    // Waiting for customer 1 until 100 pushes customer 2 out of [0, 120].
    const waiting = squareProblem();
    waiting.customers[0] = { ...waiting.customers[0]!, windowStart: 100 };
    waiting.customers[1] = { ...waiting.customers[1]!, windowEnd: 120 };
    expect(checkVrptwSolution(waiting, { routes: [[1, 2, 3, 4]] }).violations).toEqual(['route 1 reaches customer 2 at 125, after its window ends at 120']);
    expect(checkVrptwSolution(waiting, { routes: [[2, 1, 3, 4]] }).feasible).toBe(true);
  });

  it('finds a vehicle back after the horizon', () => {
    const check = checkVrptwSolution(squareProblem({ depot: { x: 0, y: 0, windowStart: 0, windowEnd: 100 } }), { routes: [[1, 2, 3, 4]] });
    expect(check.violations).toEqual([`route 1 returns to the depot at ${Math.round((2 * spoke + 3 * side + 20) * 1000) / 1000}, after the horizon 100`]);
  });

  it('finds more vehicles than the fleet has', () => {
    const check = checkVrptwSolution(squareProblem({ maxVehicles: 2 }), { routes: [[1], [2], [3, 4]] });
    expect(check.violations).toEqual(['3 vehicles used, only 2 available']);
  });

  it('reads distances from a travel-time matrix when there is one', () => {
    const matrix = [
      [0, 1, 2],
      [3, 0, 4],
      [5, 6, 0],
    ];
    const customers = [1, 2].map((id) => ({ id, demand: 1, windowStart: 0, windowEnd: 100, serviceTime: 0 }));
    const check = checkVrptwSolution({ name: 'matrix', depot: { windowStart: 0, windowEnd: 100 }, customers, vehicleCapacity: 5, maxVehicles: 1, travelTimes: matrix }, { routes: [[1, 2]] });
    expect(check).toMatchObject({ feasible: true, distance: 1 + 4 + 5 });
  });
});

// ------------------------------------------------------------------ tiny instances with a known optimum

/** The optimum under (vehicles, distance) by trying every order and every way of cutting it into routes. */
function bruteForce(problem: VrptwProblem): { vehicles: number; distance: number } {
  const ids = problem.customers.map((c) => c.id);
  let best = { vehicles: Infinity, distance: Infinity };
  const permute = (rest: number[], order: number[]) => {
    if (rest.length === 0) {
      for (let cuts = 0; cuts < 1 << (order.length - 1); cuts++) {
        const routes: number[][] = [[order[0]!]];
        for (let k = 1; k < order.length; k++) {
          if (cuts & (1 << (k - 1))) routes.push([]);
          routes[routes.length - 1]!.push(order[k]!);
        }
        const check = checkVrptwSolution(problem, { routes });
        if (!check.feasible) continue;
        if (check.vehicles < best.vehicles || (check.vehicles === best.vehicles && check.distance < best.distance)) best = { vehicles: check.vehicles, distance: check.distance };
      }
      return;
    }
    rest.forEach((id, index) => permute([...rest.slice(0, index), ...rest.slice(index + 1)], [...order, id]));
  };
  permute(ids, []);
  return best;
}

/** A random instance of `size` customers with windows tight enough to matter; matrix ones are asymmetric. */
function tinyProblem(seed: number, size: number, withMatrix: boolean): VrptwProblem {
  const random = new SeededRandom(seed);
  const points = Array.from({ length: size + 1 }, () => [random.integer(50), random.integer(50)] as const);
  const customers = points.slice(1).map(([x, y], index) => {
    const start = random.integer(150);
    return { id: 100 + index, x, y, demand: 1 + random.integer(9), windowStart: start, windowEnd: start + 20 + random.integer(80), serviceTime: 5 };
  });
  const problem: VrptwProblem = { name: `tiny-${seed}`, depot: { x: points[0]![0], y: points[0]![1], windowStart: 0, windowEnd: 400 }, customers, vehicleCapacity: 20, maxVehicles: size };
  if (withMatrix) {
    // One-way streets: going "up" (to a larger index) costs more than coming back.
    problem.travelTimes = points.map(([x1, y1], i) => points.map(([x2, y2], j) => (i === j ? 0 : Math.round(Math.hypot(x1 - x2, y1 - y2) * (j > i ? 1.3 : 1) + 2))));
  }
  return problem;
}

describe('the solver on tiny instances', () => {
  it('serves the square in one round trip', () => {
    const problem = squareProblem();
    const solution = solveVrptw(problem, { seed: 1, maxIterations: 200 });
    expect(solution.vehicles).toBe(1);
    expect(solution.distance).toBeCloseTo(2 * Math.hypot(10, 10) + 60, 9);
    expect(checkVrptwSolution(problem, solution).feasible).toBe(true);
  });

  it('uses two vehicles when capacity forces it, and follows the windows', () => {
    const capacity = solveVrptw(squareProblem({ vehicleCapacity: 20 }), { seed: 1, maxIterations: 200 });
    expect(capacity.vehicles).toBe(2);
    // Customer 1 opens late and the others close early, so 1 must come last.
    const windows = squareProblem({}, { windowEnd: 150 });
    windows.customers[0] = { ...windows.customers[0]!, windowStart: 200, windowEnd: 210 };
    const solution = solveVrptw(windows, { seed: 1, maxIterations: 300 });
    expect(checkVrptwSolution(windows, solution).feasible).toBe(true);
    expect(solution.vehicles).toBe(1);
    expect(solution.routes[0]!.at(-1)).toBe(1);
  });

  it.each([1, 2, 3, 4, 5, 6])('finds the brute-force optimum of random instance %i (Euclidean and asymmetric matrix)', (seed) => {
    for (const withMatrix of [false, true]) {
      const problem = tinyProblem(seed, 6, withMatrix);
      const optimum = bruteForce(problem);
      const solution = solveVrptw(problem, { seed, maxIterations: 1500 });
      const check = checkVrptwSolution(problem, solution);
      expect(check.feasible, check.violations.join('; ')).toBe(true);
      expect(check.distance).toBeCloseTo(solution.distance, 9);
      expect({ vehicles: solution.vehicles, distance: solution.distance }).toEqual({ vehicles: optimum.vehicles, distance: expect.closeTo(optimum.distance, 6) });
    }
  });

  it('returns no routes for no customers, and rejects a customer nobody can reach in time', () => {
    expect(solveVrptw(squareProblem({ customers: [] }), { maxIterations: 10 })).toMatchObject({ routes: [], vehicles: 0, distance: 0 });
    expect(() => solveVrptw(squareProblem({}, { windowEnd: 5 }), { maxIterations: 10 })).toThrow(/cannot be served in time/);
  });
});

describe('determinism', () => {
  it('gives identical routes for the same seed and iteration limit', () => {
    const problem = readInstance(path.join(DATA, 'RC101.txt'));
    const first = solveVrptw(problem, { seed: 42, maxIterations: 3000 });
    const second = solveVrptw(problem, { seed: 42, maxIterations: 3000 });
    expect(second.routes).toEqual(first.routes);
    expect(second.distance).toBe(first.distance);
    expect(checkVrptwSolution(problem, first).feasible).toBe(true);
  });
});

describe('every benchmark instance, solved briefly, passes the checker', () => {
  const files = [...instanceFiles(DATA), ...instanceFiles(path.join(DATA, 'gehring-homberger-200'))];

  it('has all 56 Solomon and 6 Gehring–Homberger instances', () => {
    expect(files).toHaveLength(62);
  });

  it.each(files.map((file) => [path.basename(path.dirname(file)) === 'solomon' ? path.basename(file) : `gehring-homberger-200/${path.basename(file)}`, file]))('%s', (_, file) => {
    const problem = readInstance(file);
    const solution = solveVrptw(problem, { seed: 1, timeLimitMs: 150 });
    const check = checkVrptwSolution(problem, solution);
    expect(check.violations).toEqual([]);
    expect(check.vehicles).toBe(solution.vehicles);
    expect(check.distance).toBeCloseTo(solution.distance, 6);
    // Never worse than the construction under (vehicles, distance).
    expect(solution.vehicles).toBeLessThanOrEqual(solution.construction.vehicles);
    if (solution.vehicles === solution.construction.vehicles) expect(solution.distance).toBeLessThanOrEqual(solution.construction.distance + 1e-9);
  });
});
