/**
 * Slack Induction by String Removals (SISR; Christiaens & Vanden Berghe, 2020). Ruin removes a
 * few strings (runs of consecutive customers) from routes that pass near a random customer, so
 * the freed customers are close to each other and the routes around them get slack; recreate
 * puts them back one by one at their cheapest position, skipping each position with a small
 * probability ("blinks") so that equally greedy choices still vary.
 */
import { bestFreeVehicle, cheapestInsertion, insertionFound, soloRouteCost } from './insertion.js';
import type { ProblemModel } from './problem-model.js';
import type { SeededRandom } from './random.js';
import type { RoutePlan } from './route-plan.js';

export interface RuinRecreateSettings {
  /** Average number of customers removed per ruin. */
  averageRemoved: number;
  /** Longest string removed from one route. */
  maxStringLength: number;
  /** Probability that a removal keeps a substring of the string in place ("split string"). */
  splitRate: number;
  /** After the first kept customer, probability of keeping one more. */
  splitDepth: number;
  /** Probability of skipping a candidate position during recreate. */
  blinkRate: number;
}

export const DEFAULT_RUIN_RECREATE: RuinRecreateSettings = {
  averageRemoved: 10,
  maxStringLength: 10,
  splitRate: 0.5,
  splitDepth: 0.5,
  blinkRate: 0.01,
};

/** Recreate orders and their weights (random and demand order are the paper's strongest). */
const enum Order {
  Random,
  DemandDescending,
  FarFirst,
  CloseFirst,
  DueFirst,
  NarrowWindowFirst,
  MostAbsentFirst,
}
const ORDER_WEIGHTS: [Order, number][] = [
  [Order.Random, 4],
  [Order.DemandDescending, 4],
  [Order.FarFirst, 2],
  [Order.CloseFirst, 1],
  [Order.DueFirst, 2],
  [Order.NarrowWindowFirst, 2],
];

/** Scratch buffers for one solver run, so iterations allocate nothing. */
export class RuinRecreate {
  private readonly removedMark: Int32Array;
  private mark = 0;
  private readonly routeMark: Int32Array;
  private readonly sortKey: Float64Array;
  private readonly pending: Int32Array;
  private readonly keys: Float64Array[];
  private readonly orderWeightTotal: number;

  constructor(
    private readonly model: ProblemModel,
    private readonly random: SeededRandom,
    private readonly settings: RuinRecreateSettings = DEFAULT_RUIN_RECREATE,
  ) {
    const n = model.customerCount;
    this.removedMark = new Int32Array(n + 1);
    this.routeMark = new Int32Array(n + 2);
    this.sortKey = new Float64Array(n + 1);
    this.pending = new Int32Array(n);
    const { travel, nodeCount, demand, due, ready } = model;
    const key = (f: (c: number) => number) => Float64Array.from({ length: n + 1 }, (_, c) => (c === 0 ? 0 : f(c)));
    this.keys = [];
    this.keys[Order.DemandDescending] = key((c) => -demand[c]!);
    this.keys[Order.FarFirst] = key((c) => -(travel[c]! + travel[c * nodeCount]!));
    this.keys[Order.CloseFirst] = key((c) => travel[c]! + travel[c * nodeCount]!);
    this.keys[Order.DueFirst] = key((c) => due[c]!);
    this.keys[Order.NarrowWindowFirst] = key((c) => due[c]! - ready[c]!);
    this.orderWeightTotal = ORDER_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
  }

  /** Removes strings around `seed` (a routed customer, or an unassigned one to make room near it). */
  ruin(plan: RoutePlan, seed: number): void {
    const { averageRemoved, maxStringLength, splitRate } = this.settings;
    const n = this.model.customerCount;
    const random = this.random;
    const routed = n - plan.unassignedCount;
    if (routed === 0 || plan.routeCount === 0) return;
    const averageRouteSize = routed / plan.routeCount;
    const stringLengthCap = Math.min(maxStringLength, averageRouteSize);
    const stringsCap = (4 * averageRemoved) / (1 + stringLengthCap) - 1;
    const strings = Math.floor(random.next() * stringsCap) + 1;
    const mark = ++this.mark;
    const neighbours = this.model.neighbours;
    let ruinedRoutes = 0;
    for (let k = 0; k < n && ruinedRoutes < strings; k++) {
      const c = neighbours[seed * n + k]!;
      const r = plan.routeOf[c]!;
      if (r < 0 || this.routeMark[r] === mark || this.removedMark[c] === mark) continue;
      this.routeMark[r] = mark;
      ruinedRoutes++;
      const size = plan.size[r]!;
      const length = Math.floor(random.next() * Math.min(size, stringLengthCap)) + 1;
      if (length < size && random.next() < splitRate) this.markSplitString(plan, r, c, length, mark);
      else this.markString(plan, r, c, length, mark);
      plan.detachMarked(r, this.removedMark, mark);
    }
  }

  /**
   * Inserts every unassigned customer at its cheapest feasible position, in one of several orders.
   * A customer that fits nowhere gets a new route when `openRoutes` is set, else stays unassigned.
   */
  recreate(plan: RoutePlan, openRoutes: boolean, absences: Float64Array | null): void {
    const count = plan.unassignedCount;
    if (count === 0) return;
    const pending = this.pending;
    pending.set(plan.unassigned.subarray(0, count));
    this.sortPending(count, absences);
    const blinkRate = this.settings.blinkRate;
    const random = this.random;
    for (let k = 0; k < count; k++) {
      const c = pending[k]!;
      let best = Infinity;
      let bestRoute = -1;
      let bestAfter = -1;
      for (let r = 0; r < plan.routeCount; r++) {
        if (cheapestInsertion(plan, c, r, blinkRate, random) < best) {
          best = insertionFound.cost;
          bestRoute = r;
          bestAfter = insertionFound.after;
        }
      }
      if (bestRoute >= 0) plan.insert(c, bestRoute, bestAfter);
      else if (openRoutes && this.model.vehicleCount > 0) {
        const vehicle = bestFreeVehicle(plan, c);
        if (vehicle >= 0) plan.insert(c, plan.openRoute(vehicle), 0);
      } else if (openRoutes && soloRouteCost(plan, c) < Infinity) plan.insert(c, plan.openRoute(), 0);
    }
  }

  private sortPending(count: number, absences: Float64Array | null): void {
    const pending = this.pending;
    const random = this.random;
    let order: Order;
    if (absences !== null && random.next() < 0.5) order = Order.MostAbsentFirst;
    else {
      let pick = random.next() * this.orderWeightTotal;
      order = Order.Random;
      for (const [candidate, weight] of ORDER_WEIGHTS) {
        order = candidate;
        pick -= weight;
        if (pick < 0) break;
      }
    }
    random.shuffle(pending, count);
    if (order === Order.Random) return;
    const sortKey = this.sortKey;
    if (order === Order.MostAbsentFirst) for (let k = 0; k < count; k++) sortKey[pending[k]!] = -absences![pending[k]!]!;
    else {
      const key = this.keys[order]!;
      for (let k = 0; k < count; k++) sortKey[pending[k]!] = key[pending[k]!]!;
    }
    // Insertion sort: the lists are short, and the shuffle above breaks ties at random.
    for (let i = 1; i < count; i++) {
      const c = pending[i]!;
      const value = sortKey[c]!;
      let j = i - 1;
      while (j >= 0 && sortKey[pending[j]!]! > value) {
        pending[j + 1] = pending[j]!;
        j--;
      }
      pending[j + 1] = c;
    }
  }

  /** Marks `length` consecutive customers of route r, c among them at a random place. */
  private markString(plan: RoutePlan, r: number, c: number, length: number, mark: number): void {
    const route = plan.nodes[r]!;
    const size = plan.size[r]!;
    const position = plan.positionOf[c]!;
    const lowest = Math.max(1, position - length + 1);
    const highest = Math.min(position, size - length + 1);
    const start = lowest + Math.floor(this.random.next() * (highest - lowest + 1));
    for (let p = start; p < start + length; p++) this.removedMark[route[p]!] = mark;
  }

  /** Like markString over a longer run, but keeps a random inner substring in place. */
  private markSplitString(plan: RoutePlan, r: number, c: number, length: number, mark: number): void {
    const size = plan.size[r]!;
    let kept = 1;
    while (length + kept < size && this.random.next() < this.settings.splitDepth) kept++;
    const route = plan.nodes[r]!;
    const span = length + kept;
    const position = plan.positionOf[c]!;
    const lowest = Math.max(1, position - span + 1);
    const highest = Math.min(position, size - span + 1);
    const start = lowest + Math.floor(this.random.next() * (highest - lowest + 1));
    const keptFrom = start + Math.floor(this.random.next() * (length + 1));
    for (let p = start; p < start + span; p++) {
      if (p < keptFrom || p >= keptFrom + kept) this.removedMark[route[p]!] = mark;
    }
  }
}
