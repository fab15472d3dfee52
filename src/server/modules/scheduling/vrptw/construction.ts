/**
 * The starting solution: parallel regret-2 insertion. At each step the customer whose best
 * insertion would hurt most if it were postponed (best vs second-best open route) is inserted at
 * its best place; customers with a single route left go first. Only when nobody fits an open
 * route does a new vehicle start, seeded with the farthest customer.
 */
import { bestFreeVehicle, cheapestInsertion, insertionFound, soloRouteCost } from './insertion.js';
import type { ProblemModel } from './problem-model.js';
import { RoutePlan } from './route-plan.js';

/** Builds a complete feasible plan with regret-2 insertion. */
export function constructByRegretInsertion(model: ProblemModel): RoutePlan {
  const plan = RoutePlan.empty(model);
  const n = model.customerCount;
  // Best and second-best cost per customer, and where the best is; only the route changed by the
  // previous step needs re-evaluating, the others' figures are cached per (customer, route).
  const routeCost: Float64Array[] = [];
  const routeAfter: Int32Array[] = [];
  const soloCost = new Float64Array(n + 1);
  const heterogeneous = model.vehicleCount > 0;
  for (let c = 1; c <= n; c++) {
    // A heterogeneous fleet leaves out whom no vehicle can take; the caller reports them.
    if (heterogeneous) continue;
    soloCost[c] = soloRouteCost(plan, c);
    if (soloCost[c] === Infinity) throw new Error(`customer ${model.ids[c]} cannot be served in time even by a vehicle of its own`);
  }
  let changedRoute = -1;
  while (plan.unassignedCount > 0) {
    if (changedRoute >= 0) {
      if (changedRoute === routeCost.length) {
        routeCost.push(new Float64Array(n + 1));
        routeAfter.push(new Int32Array(n + 1));
      }
      const costs = routeCost[changedRoute]!;
      const afters = routeAfter[changedRoute]!;
      for (let k = 0; k < plan.unassignedCount; k++) {
        const c = plan.unassigned[k]!;
        costs[c] = cheapestInsertion(plan, c, changedRoute, 0, null);
        afters[c] = insertionFound.after;
      }
    }
    let chosen = -1;
    let chosenRoute = -1;
    let chosenRegret = -Infinity;
    let chosenCost = Infinity;
    let farthest = -1;
    for (let k = 0; k < plan.unassignedCount; k++) {
      const c = plan.unassigned[k]!;
      if (farthest < 0 || soloCost[c]! > soloCost[farthest]! || (soloCost[c] === soloCost[farthest] && c < farthest)) farthest = c;
      let best = Infinity;
      let second = Infinity;
      let bestRoute = -1;
      for (let r = 0; r < plan.routeCount; r++) {
        const cost = routeCost[r]![c]!;
        if (cost < best) {
          second = best;
          best = cost;
          bestRoute = r;
        } else if (cost < second) second = cost;
      }
      if (bestRoute < 0) continue;
      // A customer with one route left must take it before that route closes too.
      const regret = second === Infinity ? 1e18 - best : second - best;
      if (regret > chosenRegret || (regret === chosenRegret && (best < chosenCost || (best === chosenCost && c < chosen)))) {
        chosen = c;
        chosenRoute = bestRoute;
        chosenRegret = regret;
        chosenCost = best;
      }
    }
    if (chosen < 0 && heterogeneous) {
      // The same seed rule, with the free vehicle that serves the seed most cheaply.
      let seedVehicle = -1;
      let seedCost = -1;
      for (let k = 0; k < plan.unassignedCount; k++) {
        const c = plan.unassigned[k]!;
        const vehicle = bestFreeVehicle(plan, c);
        if (vehicle < 0) continue;
        if (insertionFound.cost > seedCost || (insertionFound.cost === seedCost && c < chosen)) {
          chosen = c;
          seedVehicle = vehicle;
          seedCost = insertionFound.cost;
        }
      }
      if (chosen < 0) break;
      chosenRoute = plan.openRoute(seedVehicle);
      plan.insert(chosen, chosenRoute, 0);
    } else if (chosen < 0) {
      // Nobody fits an open route: the farthest customer seeds a new one (Solomon's seed rule).
      chosen = farthest;
      chosenRoute = plan.openRoute();
      plan.insert(chosen, chosenRoute, 0);
    } else {
      plan.insert(chosen, chosenRoute, routeAfter[chosenRoute]![chosen]!);
    }
    changedRoute = chosenRoute;
  }
  return plan;
}
