import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkVrptwSolution } from '../../src/server/modules/scheduling/vrptw/check-vrptw-solution.js';
import { SeededRandom } from '../../src/server/modules/scheduling/vrptw/random.js';
import { parseSolomonInstance } from '../../src/server/modules/scheduling/vrptw/solomon-format.js';
import { solveVrptw } from '../../src/server/modules/scheduling/vrptw/vrptw-solver.js';
import type { VrptwProblem, VrptwVehicle } from '../../src/server/modules/scheduling/vrptw/vrptw.types.js';

const DATA = fileURLToPath(new URL('../../bench/data/solomon/', import.meta.url));
const solomon = (name: string) => parseSolomonInstance(fs.readFileSync(`${DATA}${name}.txt`, 'utf8'), `${name}.txt`);

/** A Solomon instance turned into a technicians' day: own homes and shifts, skills restricting who may go where. */
function fleetProblem(name: string, seed: number, vehicleCount: number): VrptwProblem {
  const base = solomon(name);
  const random = new SeededRandom(seed);
  const horizon = base.depot.windowEnd;
  const customers = base.customers.slice(0, 60);
  const vehicles: VrptwVehicle[] = Array.from({ length: vehicleCount }, (_, k) => {
    const home = { x: random.next() * 80, y: random.next() * 80 };
    // Some work the morning only, some start late; one in three lacks the skill half the customers need.
    const shiftStart = k % 4 === 1 ? horizon * 0.2 : 0;
    const shiftEnd = k % 4 === 2 ? horizon * 0.6 : horizon;
    const skilled = k % 3 !== 0;
    return {
      id: 100 + k,
      shiftStart,
      shiftEnd,
      startX: home.x,
      startY: home.y,
      endX: home.x,
      endY: home.y,
      allowedCustomers: skilled ? undefined : customers.filter((c) => c.id % 2 === 0).map((c) => c.id),
    };
  });
  // allowedCustomers must be given for all or checked per vehicle: give the skilled the full list.
  for (const vehicle of vehicles) vehicle.allowedCustomers ??= customers.map((c) => c.id);
  return { ...base, name: `${name}-fleet-${seed}`, customers, vehicles };
}

describe('VRPTW with a heterogeneous fleet (technicians)', () => {
  it('each technician leaves from and returns to their own home: the near one takes the cluster', () => {
    const problem: VrptwProblem = {
      name: 'two-homes',
      depot: { x: 0, y: 0, windowStart: 0, windowEnd: 1000 },
      customers: [
        { id: 1, x: 100, y: 0, demand: 0, windowStart: 0, windowEnd: 300, serviceTime: 10 },
        { id: 2, x: 102, y: 2, demand: 0, windowStart: 0, windowEnd: 300, serviceTime: 10 },
        { id: 3, x: -100, y: 0, demand: 0, windowStart: 0, windowEnd: 300, serviceTime: 10 },
      ],
      vehicleCapacity: 1,
      maxVehicles: 1,
      // Either could drive to either side and back within the shift, but not do both sides.
      vehicles: [
        { id: 7, shiftStart: 0, shiftEnd: 420, startX: -90, startY: 0, endX: -90, endY: 0 },
        { id: 8, shiftStart: 0, shiftEnd: 420, startX: 95, startY: 0, endX: 95, endY: 0 },
      ],
    };
    const result = solveVrptw(problem, { seed: 1, maxIterations: 200 });
    const byVehicle = Object.fromEntries(result.routes.map((route, k) => [result.vehicleIds![k]!, [...route].sort()]));
    expect(byVehicle).toEqual({ 7: [3], 8: [1, 2] });
    expect(result.unassigned).toEqual([]);
    expect(checkVrptwSolution(problem, result).feasible).toBe(true);
  });

  it('fewest technicians first: one technician does everything when the day allows it', () => {
    const problem: VrptwProblem = {
      name: 'one-is-enough',
      depot: { x: 0, y: 0, windowStart: 0, windowEnd: 1000 },
      customers: [1, 2, 3, 4].map((id) => ({ id, x: id * 10, y: 0, demand: 0, windowStart: 0, windowEnd: 1000, serviceTime: 10 })),
      vehicleCapacity: 1,
      maxVehicles: 1,
      vehicles: [
        { id: 1, shiftStart: 0, shiftEnd: 1000, startX: 0, startY: 0, endX: 0, endY: 0 },
        { id: 2, shiftStart: 0, shiftEnd: 1000, startX: 40, startY: 0, endX: 40, endY: 0 },
      ],
    };
    const result = solveVrptw(problem, { seed: 3, maxIterations: 300 });
    expect(result.vehicles).toBe(1);
    expect(checkVrptwSolution(problem, result).feasible).toBe(true);
  });

  it('leaves out, and names, a visit nobody may or can take; respects who may serve whom', () => {
    const problem: VrptwProblem = {
      name: 'left-out',
      depot: { x: 0, y: 0, windowStart: 0, windowEnd: 1000 },
      customers: [
        { id: 1, x: 10, y: 0, demand: 0, windowStart: 0, windowEnd: 1000, serviceTime: 10 },
        { id: 2, x: 20, y: 0, demand: 0, windowStart: 0, windowEnd: 1000, serviceTime: 10 },
        // Window closes before anyone can get there.
        { id: 3, x: 500, y: 0, demand: 0, windowStart: 0, windowEnd: 100, serviceTime: 10 },
        // Nobody has the skill.
        { id: 4, x: 15, y: 0, demand: 0, windowStart: 0, windowEnd: 1000, serviceTime: 10 },
      ],
      vehicleCapacity: 1,
      maxVehicles: 1,
      vehicles: [
        { id: 1, shiftStart: 0, shiftEnd: 1000, startX: 0, startY: 0, endX: 0, endY: 0, allowedCustomers: [1, 3] },
        { id: 2, shiftStart: 0, shiftEnd: 1000, startX: 0, startY: 0, endX: 0, endY: 0, allowedCustomers: [2, 3] },
      ],
    };
    const result = solveVrptw(problem, { seed: 1, maxIterations: 200 });
    expect(result.unassigned).toEqual([3, 4]);
    const check = checkVrptwSolution(problem, result);
    expect(check.violations).toEqual([]);
    expect(result.vehicles).toBe(2);
  });

  it('the independent check catches a route that breaks a shift, a skill or a home', () => {
    const problem = fleetProblem('R101', 1, 12);
    const result = solveVrptw(problem, { seed: 1, maxIterations: 500 });
    const unskilled = problem.vehicles!.find((v) => v.allowedCustomers!.length < problem.customers.length)!;
    const oddCustomer = problem.customers.find((c) => c.id % 2 === 1)!.id;
    const broken = { ...result, routes: [[oddCustomer], ...result.routes.map((r) => r.filter((id) => id !== oddCustomer))], vehicleIds: [unskilled.id, ...result.vehicleIds!] };
    expect(checkVrptwSolution(problem, broken).violations.join('\n')).toMatch(/may not serve/);
  });

  it.each([
    ['R101', 1],
    ['C101', 2],
    ['RC105', 3],
    ['R201', 4],
    ['C201', 5],
  ])('%s as a technicians day (seed %i): every route feasible, checked independently, and replayable', (name, seed) => {
    const problem = fleetProblem(name, seed, 20);
    const result = solveVrptw(problem, { seed, maxIterations: 1500 });
    const check = checkVrptwSolution(problem, result);
    expect(check.violations).toEqual([]);
    expect(check.distance).toBeCloseTo(result.distance, 6);
    // Left out only if no vehicle could take the visit at all, even alone.
    for (const id of result.unassigned!) {
      const alone = problem.vehicles!.some((vehicle) => checkVrptwSolution({ ...problem, customers: problem.customers.filter((c) => c.id === id), vehicles: [{ ...vehicle, allowedCustomers: vehicle.allowedCustomers!.filter((c) => c === id) }] }, { routes: [[id]], vehicleIds: [vehicle.id], unassigned: [] }).feasible);
      expect(alone, `customer ${id} was left out though a technician could take it alone`).toBe(false);
    }
    expect(result.vehicles).toBeLessThanOrEqual(result.construction.vehicles);
    expect(result.distance).toBeLessThanOrEqual(result.construction.distance + 1e-6);
    expect(solveVrptw(problem, { seed, maxIterations: 1500 }).routes).toEqual(result.routes);
  });
});
