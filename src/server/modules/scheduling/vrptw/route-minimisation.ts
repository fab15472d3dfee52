/**
 * Fewer vehicles first: take one route out, then run SISR that may not open routes until every
 * customer is back in; repeat with the next route. Candidates are judged by the customers left
 * out, following Christiaens & Vanden Berghe (2020): fewer left out, or left-out customers that
 * were absent less often so far. The absence counters make customers that keep failing harder to
 * leave out, so the search keeps trying to make room for them instead of cycling.
 */
import type { ProblemModel } from './problem-model.js';
import type { SeededRandom } from './random.js';
import { RoutePlan } from './route-plan.js';
import type { RuinRecreate } from './ruin-recreate.js';
import type { SearchBudget } from './search-budget.js';

/**
 * Share of the budget after which an attempt that has not emptied a route is abandoned: vehicles
 * come first, but time spent on a route that will not go is time the distance phase lacks.
 */
const GIVE_UP_AFTER = 0.25;

/** Returns the plan with the fewest routes reached before `budget.progress()` reaches `until`. */
export function minimiseRoutes(start: RoutePlan, model: ProblemModel, ruinRecreate: RuinRecreate, random: SeededRandom, budget: SearchBudget, until: number): RoutePlan {
  const best = new RoutePlan(model);
  best.copyFrom(start);
  // A fleet that leaves out customers it could serve has no vehicle to spare: the same search first
  // tries to place them, with every route kept, before it tries to empty one.
  const placing = model.vehicleCount > 0 && start.unassignedCount > model.unservableCount;
  if (!placing && best.routeCount <= model.vehicleLowerBound) return best;
  let working = new RoutePlan(model);
  let candidate = new RoutePlan(model);
  working.copyFrom(best);
  const absences = new Float64Array(model.customerCount + 1);
  // Customers no vehicle can serve are always out (none with identical vehicles).
  const leftOut = model.unservableCount;
  if (!placing) removeOneRoute(working, random);
  let workingAbsence = absenceSum(working, absences);
  let lastSuccess = budget.progress();
  for (;;) {
    const progress = budget.progress();
    if (progress >= until || progress - lastSuccess > GIVE_UP_AFTER) break;
    budget.iterations++;
    candidate.copyFrom(working);
    ruinRecreate.ruin(candidate, pickSeed(candidate, random));
    ruinRecreate.recreate(candidate, false, absences);
    candidate.removeEmptyRoutes();
    for (let k = 0; k < candidate.unassignedCount; k++) absences[candidate.unassigned[k]!]!++;
    workingAbsence = absenceSum(working, absences);
    const candidateAbsence = absenceSum(candidate, absences);
    if (candidate.unassignedCount < working.unassignedCount || candidateAbsence < workingAbsence) {
      [working, candidate] = [candidate, working];
      workingAbsence = candidateAbsence;
    }
    // Only while placing can the working plan beat the best one without being complete.
    if (working.unassignedCount < best.unassignedCount && working.routeCount <= best.routeCount) best.copyFrom(working);
    if (working.unassignedCount <= leftOut) {
      best.copyFrom(working);
      lastSuccess = progress;
      if (best.routeCount <= model.vehicleLowerBound) break;
      removeOneRoute(working, random);
    }
  }
  return best;
}

/** Half the time next to a left-out customer, so ruin makes room where it is needed. */
function pickSeed(plan: RoutePlan, random: SeededRandom): number {
  const n = plan.model.customerCount;
  if (plan.unassignedCount > 0 && (plan.unassignedCount === n || random.next() < 0.5)) return plan.unassigned[random.integer(plan.unassignedCount)]!;
  for (;;) {
    const c = 1 + random.integer(n);
    if (plan.routeOf[c]! >= 0) return c;
  }
}

/** Empties the shorter of two random routes; its customers become unassigned. */
function removeOneRoute(plan: RoutePlan, random: SeededRandom): void {
  let r = random.integer(plan.routeCount);
  const other = random.integer(plan.routeCount);
  if (plan.size[other]! < plan.size[r]!) r = other;
  plan.detachRoute(r);
  plan.removeEmptyRoutes();
}

function absenceSum(plan: RoutePlan, absences: Float64Array): number {
  let sum = 0;
  for (let k = 0; k < plan.unassignedCount; k++) sum += absences[plan.unassigned[k]!]!;
  return sum;
}
