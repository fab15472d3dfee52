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

/** Replays every route: coverage, capacity, time windows, return by the horizon, fleet size. */
export function checkVrptwSolution(problem: VrptwProblem, solution: Pick<VrptwSolution, 'routes'>): VrptwCheck {
  const violations: string[] = [];
  const indexById = new Map(problem.customers.map((customer, index) => [customer.id, index + 1]));
  const travel = (from: number, to: number): number => {
    if (problem.travelTimes) return problem.travelTimes[from]![to]!;
    const a = from === 0 ? problem.depot : problem.customers[from - 1]!;
    const b = to === 0 ? problem.depot : problem.customers[to - 1]!;
    return Math.hypot((a.x ?? 0) - (b.x ?? 0), (a.y ?? 0) - (b.y ?? 0));
  };
  const visits = new Map<number, number>();
  let distance = 0;
  const routes = solution.routes.filter((route) => route.length > 0);
  routes.forEach((route, routeIndex) => {
    const label = `route ${routeIndex + 1}`;
    let time = problem.depot.windowStart;
    let load = 0;
    let previous = 0;
    for (const id of route) {
      const node = indexById.get(id);
      if (node === undefined) {
        violations.push(`${label} visits unknown customer ${id}`);
        continue;
      }
      visits.set(id, (visits.get(id) ?? 0) + 1);
      const customer = problem.customers[node - 1]!;
      const leg = travel(previous, node);
      distance += leg;
      const arrival = time + (previous === 0 ? 0 : problem.customers[previous - 1]!.serviceTime) + leg;
      if (arrival > customer.windowEnd + TIME_TOLERANCE) violations.push(`${label} reaches customer ${id} at ${round(arrival)}, after its window ends at ${customer.windowEnd}`);
      time = Math.max(arrival, customer.windowStart);
      load += customer.demand;
      previous = node;
    }
    const back = travel(previous, 0);
    distance += back;
    const returnTime = time + (previous === 0 ? 0 : problem.customers[previous - 1]!.serviceTime) + back;
    if (returnTime > problem.depot.windowEnd + TIME_TOLERANCE) violations.push(`${label} returns to the depot at ${round(returnTime)}, after the horizon ${problem.depot.windowEnd}`);
    if (load > problem.vehicleCapacity) violations.push(`${label} carries ${load}, more than the capacity ${problem.vehicleCapacity}`);
  });
  for (const customer of problem.customers) {
    const count = visits.get(customer.id) ?? 0;
    if (count === 0) violations.push(`customer ${customer.id} is not visited`);
    else if (count > 1) violations.push(`customer ${customer.id} is visited ${count} times`);
  }
  if (routes.length > problem.maxVehicles) violations.push(`${routes.length} vehicles used, only ${problem.maxVehicles} available`);
  return { feasible: violations.length === 0, violations, distance, vehicles: routes.length };
}

const round = (value: number) => Math.round(value * 1000) / 1000;
