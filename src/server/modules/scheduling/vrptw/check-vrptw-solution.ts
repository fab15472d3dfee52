/**
 * An independent check of a VRPTW solution, written apart from the solver's data structures so
 * that it can catch the solver's mistakes: it replays every route from the problem as given.
 */
import type { VrptwProblem, VrptwSolution } from './vrptw.types.js';

/** Slack for floating-point noise only: Solomon distances are irrational numbers. */
const TIME_TOLERANCE = 1e-6;

export interface VrptwCheck {
  feasible: boolean;
  /** Each problem found, as a sentence naming the route and the customer. */
  violations: string[];
  /** Total distance recomputed from the problem. */
  distance: number;
  vehicles: number;
}

/**
 * Replays every route: coverage, capacity, time windows, return by the horizon, fleet size. With a
 * vehicle list: each route from its vehicle's start within its shift to its end, only allowed
 * customers, each vehicle at most once, and customers left out only if listed as unassigned.
 */
export function checkVrptwSolution(problem: VrptwProblem, solution: Pick<VrptwSolution, 'routes' | 'vehicleIds' | 'unassigned'>): VrptwCheck {
  const violations: string[] = [];
  const indexById = new Map(problem.customers.map((customer, index) => [customer.id, index + 1]));
  const n = problem.customers.length;
  const vehicles = problem.vehicles;
  const point = (node: number): { x?: number; y?: number } => {
    if (node === 0) return problem.depot;
    if (node <= n) return problem.customers[node - 1]!;
    const vehicle = vehicles![(node - n - 1) >> 1]!;
    return (node - n - 1) % 2 === 0 ? { x: vehicle.startX, y: vehicle.startY } : { x: vehicle.endX, y: vehicle.endY };
  };
  const travel = (from: number, to: number): number => {
    if (from === to) return 0;
    if (problem.travelTimes) return problem.travelTimes[from]![to]!;
    const a = point(from);
    const b = point(to);
    return Math.hypot((a.x ?? 0) - (b.x ?? 0), (a.y ?? 0) - (b.y ?? 0));
  };
  const vehiclesUsed = new Set<number>();
  const visits = new Map<number, number>();
  let distance = 0;
  const routes = solution.routes.filter((route) => route.length > 0);
  routes.forEach((route, routeIndex) => {
    const label = `route ${routeIndex + 1}`;
    let start = 0;
    let end = 0;
    let time = problem.depot.windowStart;
    let horizon = problem.depot.windowEnd;
    let allowed: Set<number> | null = null;
    if (vehicles) {
      const vehicleId = solution.vehicleIds?.[routeIndex];
      const v = vehicles.findIndex((vehicle) => vehicle.id === vehicleId);
      if (v < 0) {
        violations.push(`${label} has no vehicle of the fleet (${String(vehicleId)})`);
        return;
      }
      if (vehiclesUsed.has(v)) violations.push(`${label} uses vehicle ${vehicleId} a second time`);
      vehiclesUsed.add(v);
      start = n + 1 + 2 * v;
      end = start + 1;
      time = vehicles[v]!.shiftStart;
      horizon = vehicles[v]!.shiftEnd;
      allowed = vehicles[v]!.allowedCustomers ? new Set(vehicles[v]!.allowedCustomers) : null;
    }
    let load = 0;
    let previous = start;
    for (const id of route) {
      const node = indexById.get(id);
      if (node === undefined) {
        violations.push(`${label} visits unknown customer ${id}`);
        continue;
      }
      visits.set(id, (visits.get(id) ?? 0) + 1);
      if (allowed && !allowed.has(id)) violations.push(`${label} serves customer ${id}, which its vehicle may not serve`);
      const customer = problem.customers[node - 1]!;
      const leg = travel(previous, node);
      distance += leg;
      const arrival = time + (previous === start ? 0 : problem.customers[previous - 1]!.serviceTime) + leg;
      if (arrival > customer.windowEnd + TIME_TOLERANCE) violations.push(`${label} reaches customer ${id} at ${round(arrival)}, after its window ends at ${customer.windowEnd}`);
      time = Math.max(arrival, customer.windowStart);
      load += customer.demand;
      previous = node;
    }
    const back = travel(previous, end);
    distance += back;
    const returnTime = time + (previous === start ? 0 : problem.customers[previous - 1]!.serviceTime) + back;
    if (returnTime > horizon + TIME_TOLERANCE) violations.push(`${label} returns to the depot at ${round(returnTime)}, after the horizon ${horizon}`);
    if (load > problem.vehicleCapacity) violations.push(`${label} carries ${load}, more than the capacity ${problem.vehicleCapacity}`);
  });
  const leftOut = new Set(vehicles ? (solution.unassigned ?? []) : []);
  for (const customer of problem.customers) {
    const count = visits.get(customer.id) ?? 0;
    if (count > 0 && leftOut.has(customer.id)) violations.push(`customer ${customer.id} is visited but listed as unassigned`);
    if (count === 0 && !leftOut.has(customer.id)) violations.push(`customer ${customer.id} is not visited`);
    else if (count > 1) violations.push(`customer ${customer.id} is visited ${count} times`);
  }
  if (routes.length > (vehicles ? vehicles.length : problem.maxVehicles)) violations.push(`${routes.length} vehicles used, only ${problem.maxVehicles} available`);
  return { feasible: violations.length === 0, violations, distance, vehicles: routes.length };
}

const round = (value: number) => Math.round(value * 1000) / 1000;
