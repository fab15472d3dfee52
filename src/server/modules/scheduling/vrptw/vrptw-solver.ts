/**
 * The VRPTW solver: regret insertion, then route minimisation, then distance minimisation by
 * SISR ruin-and-recreate under simulated annealing, with local search polishing every new best.
 * Objective: fewest vehicles, then least total distance. See docs/decisions/009-route-optimisation.md.
 */
import { constructByRegretInsertion } from './construction.js';
import { LocalSearch } from './local-search.js';
import { buildProblemModel, type ProblemModel } from './problem-model.js';
import { SeededRandom } from './random.js';
import { minimiseRoutes } from './route-minimisation.js';
import { RoutePlan } from './route-plan.js';
import { RuinRecreate } from './ruin-recreate.js';
import { SearchBudget } from './search-budget.js';
import type { VrptwProblem, VrptwSolveOptions, VrptwSolveResult } from './vrptw.types.js';

const DEFAULT_TIME_LIMIT_MS = 5_000;
const DEFAULT_ROUTE_MINIMISATION_SHARE = 0.5;
/**
 * Annealing temperatures as multiples of the starting plan's average edge, so that they suit
 * Solomon units and road seconds alike. On Solomon (average edge about 10) that starts near the
 * SISR paper's 100 and ends below its 1, which suits runs of seconds rather than hours.
 */
const START_TEMPERATURE_SHARE = 4;
const END_TEMPERATURE_SHARE = 0.01;

/** Solves a VRPTW instance; returns the best solution found within the budget. */
export function solveVrptw(problem: VrptwProblem, options: VrptwSolveOptions = {}): VrptwSolveResult {
  const budget = new SearchBudget(
    options.timeLimitMs ?? (options.maxIterations === undefined ? DEFAULT_TIME_LIMIT_MS : undefined),
    options.maxIterations,
  );
  const model = buildProblemModel(problem);
  if (model.customerCount === 0) {
    const none = model.vehicleCount > 0 ? { routes: [], vehicles: 0, distance: 0, vehicleIds: [], unassigned: [] } : { routes: [], vehicles: 0, distance: 0 };
    return { ...none, construction: none, iterations: 0, elapsedMs: budget.elapsedMs() };
  }
  const random = new SeededRandom(options.seed ?? 1);
  const constructed = constructByRegretInsertion(model);
  const construction = constructed.toSolution();
  const localSearch = new LocalSearch(model, random);
  const ruinRecreate = new RuinRecreate(model, random);

  localSearch.run(constructed);
  const fewestRoutes = minimiseRoutes(constructed, model, ruinRecreate, random, budget, options.routeMinimisationShare ?? DEFAULT_ROUTE_MINIMISATION_SHARE);
  localSearch.run(fewestRoutes);
  const best = minimiseDistance(fewestRoutes, model, ruinRecreate, localSearch, random, budget);
  return { ...best.toSolution(), construction, iterations: budget.iterations, elapsedMs: budget.elapsedMs() };
}

/**
 * SISR under simulated annealing (accept when the new cost is below the current cost plus
 * T·ln(1/U)), the temperature falling geometrically over the rest of the budget. A candidate
 * needing more vehicles than the current plan is never accepted.
 */
function minimiseDistance(start: RoutePlan, model: ProblemModel, ruinRecreate: RuinRecreate, localSearch: LocalSearch, random: SeededRandom, budget: SearchBudget): RoutePlan {
  const best = new RoutePlan(model);
  let current = new RoutePlan(model);
  let candidate = new RoutePlan(model);
  best.copyFrom(start);
  current.copyFrom(start);
  let currentCost = current.totalCost();
  let bestCost = currentCost;
  const averageEdge = currentCost / (model.customerCount + current.routeCount);
  const startTemperature = START_TEMPERATURE_SHARE * averageEdge;
  const endTemperature = END_TEMPERATURE_SHARE * averageEdge;
  const startProgress = Math.min(budget.progress(), 0.999);
  const n = model.customerCount;
  for (;;) {
    const progress = budget.progress();
    if (progress >= 1) break;
    budget.iterations++;
    candidate.copyFrom(current);
    ruinRecreate.ruin(candidate, 1 + random.integer(n));
    ruinRecreate.recreate(candidate, true, null);
    candidate.removeEmptyRoutes();
    // Only a heterogeneous fleet ever leaves customers out; placing one more beats anything else.
    if (candidate.unassignedCount > current.unassignedCount) continue;
    const placesMore = candidate.unassignedCount < current.unassignedCount;
    if (!placesMore && candidate.routeCount > current.routeCount) continue;
    const cost = candidate.totalCost();
    const share = (progress - startProgress) / (1 - startProgress);
    const temperature = startTemperature * Math.pow(endTemperature / startTemperature, share);
    if (placesMore || candidate.routeCount < current.routeCount || cost < currentCost - temperature * Math.log(1 - random.next())) {
      [current, candidate] = [candidate, current];
      currentCost = cost;
      if (current.unassignedCount < best.unassignedCount || current.routeCount < best.routeCount || currentCost < bestCost - 1e-9) {
        localSearch.run(current);
        currentCost = current.totalCost();
        best.copyFrom(current);
        bestCost = currentCost;
      }
    }
  }
  return best;
}
