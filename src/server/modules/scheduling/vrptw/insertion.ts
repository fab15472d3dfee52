/** Where one customer fits best into a route: the step shared by construction and recreate. */
import type { SeededRandom } from './random.js';
import type { RoutePlan } from './route-plan.js';

/** The outcome of the last cheapestInsertion call; reused so the inner loop allocates nothing. */
export const insertionFound = { cost: Infinity, after: -1 };

/**
 * Cheapest feasible position for customer c in route r. Each position is skipped ("blinks") with
 * probability `blinkRate`, which diversifies recreate (SISR). Result in `insertionFound`; cost is
 * Infinity when no position is feasible.
 */
export function cheapestInsertion(plan: RoutePlan, c: number, r: number, blinkRate: number, random: SeededRandom | null): number {
  const { travel, nodeCount, ready, due, service, demand, capacity } = plan.model;
  insertionFound.cost = Infinity;
  insertionFound.after = -1;
  if (plan.load[r]! + demand[c]! > capacity) return Infinity;
  if (plan.model.allowed !== null && !plan.allows(r, c)) return Infinity;
  const route = plan.nodes[r]!;
  const earliest = plan.earliest[r]!;
  const latest = plan.latest[r]!;
  const size = plan.size[r]!;
  const readyC = ready[c]!;
  const dueC = due[c]!;
  const serviceC = service[c]!;
  const rowC = c * nodeCount;
  let best = Infinity;
  let bestAfter = -1;
  let a = route[0]!;
  for (let p = 0; p <= size; p++) {
    const b = route[p + 1]!;
    const startA = earliest[p]!;
    // Service at later positions starts even later, so c cannot follow any of them either.
    if (startA > dueC) break;
    const legIn = travel[a * nodeCount + c]!;
    let start = startA + service[a]! + legIn;
    if (start <= dueC) {
      if (start < readyC) start = readyC;
      const legOut = travel[rowC + b]!;
      if (start + serviceC + legOut <= latest[p + 1]!) {
        const delta = legIn + legOut - travel[a * nodeCount + b]!;
        if (delta < best && (random === null || blinkRate === 0 || random.next() >= blinkRate)) {
          best = delta;
          bestAfter = p;
        }
      }
    }
    a = b;
  }
  insertionFound.cost = best;
  insertionFound.after = bestAfter;
  return best;
}

/** Whether customer c can be served by a vehicle of its own, and what that route costs. */
export function soloRouteCost(plan: RoutePlan, c: number): number {
  const { travel, nodeCount, ready, due, service } = plan.model;
  let start = ready[0]! + travel[c]!;
  if (start < ready[c]!) start = ready[c]!;
  if (start > due[c]! || start + service[c]! + travel[c * nodeCount]! > due[0]!) return Infinity;
  return travel[c]! + travel[c * nodeCount]!;
}

/**
 * Heterogeneous fleet: the unused vehicle that may serve customer c and serves it alone most
 * cheaply, or -1. Its route's cost is left in `insertionFound.cost`.
 */
export function bestFreeVehicle(plan: RoutePlan, c: number): number {
  const { travel, nodeCount, ready, due, service, vehicleCount, vehicleStart, vehicleEnd, allowed } = plan.model;
  let best = -1;
  let bestCost = Infinity;
  for (let v = 0; v < vehicleCount; v++) {
    if (plan.vehicleUsed[v] === 1 || (allowed !== null && allowed[v * nodeCount + c] === 0)) continue;
    const start = vehicleStart[v]!;
    const end = vehicleEnd[v]!;
    let time = ready[start]! + travel[start * nodeCount + c]!;
    if (time < ready[c]!) time = ready[c]!;
    if (time > due[c]! || time + service[c]! + travel[c * nodeCount + end]! > due[end]!) continue;
    const cost = travel[start * nodeCount + c]! + travel[c * nodeCount + end]!;
    if (cost < bestCost) {
      bestCost = cost;
      best = v;
    }
  }
  insertionFound.cost = bestCost;
  return best;
}
