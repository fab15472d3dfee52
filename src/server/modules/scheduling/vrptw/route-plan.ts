/**
 * The working solution of the search: routes as fixed-capacity typed arrays with, for every
 * position, the earliest and the latest start of service there. Those two arrays make every
 * time-window check of an insertion or an exchange O(1): a change is feasible when the new
 * predecessor's earliest departure reaches the untouched successor by its latest start.
 *
 * Every route in a plan is feasible at all times; customers that are not in a route are listed
 * as unassigned (only during ruin-and-recreate and route minimisation).
 */
import type { ProblemModel } from './problem-model.js';
import type { VrptwSolution } from './vrptw.types.js';

export class RoutePlan {
  routeCount = 0;
  /** nodes[r][0] and nodes[r][size[r] + 1] are the depot (0), or the route's vehicle's start and end. */
  readonly nodes: Int32Array[] = [];
  /** Earliest start of service at each position (at the final depot: earliest arrival). */
  readonly earliest: Float64Array[] = [];
  /** Latest start of service at each position that keeps the rest of the route feasible. */
  readonly latest: Float64Array[] = [];
  /** Load of the customers at positions 1..p. */
  readonly loadBefore: Float64Array[] = [];
  readonly size: Int32Array;
  readonly load: Float64Array;
  readonly cost: Float64Array;
  /** Route of each customer, -1 when unassigned. */
  readonly routeOf: Int32Array;
  readonly positionOf: Int32Array;
  /** Vehicle of each route in a heterogeneous fleet, -1 with identical vehicles. */
  readonly vehicleOf: Int32Array;
  /** 1 for the vehicles of a heterogeneous fleet that have a route. */
  readonly vehicleUsed: Uint8Array;
  readonly unassigned: Int32Array;
  unassignedCount = 0;
  private readonly unassignedIndex: Int32Array;

  constructor(readonly model: ProblemModel) {
    const n = model.customerCount;
    this.size = new Int32Array(n + 1);
    this.load = new Float64Array(n + 1);
    this.cost = new Float64Array(n + 1);
    this.routeOf = new Int32Array(n + 1).fill(-1);
    this.positionOf = new Int32Array(n + 1);
    this.vehicleOf = new Int32Array(n + 1).fill(-1);
    this.vehicleUsed = new Uint8Array(model.vehicleCount);
    this.unassigned = new Int32Array(n);
    this.unassignedIndex = new Int32Array(n + 1).fill(-1);
  }

  /** A plan with every customer unassigned and no routes. */
  static empty(model: ProblemModel): RoutePlan {
    const plan = new RoutePlan(model);
    for (let c = 1; c <= model.customerCount; c++) plan.markUnassigned(c);
    return plan;
  }

  totalCost(): number {
    let total = 0;
    for (let r = 0; r < this.routeCount; r++) total += this.cost[r]!;
    return total;
  }

  /** Adds an empty route (for `vehicle` of a heterogeneous fleet) and returns its index. */
  openRoute(vehicle = -1): number {
    const r = this.routeCount++;
    if (r === this.nodes.length) {
      const capacity = this.model.customerCount + 2;
      this.nodes.push(new Int32Array(capacity));
      this.earliest.push(new Float64Array(capacity));
      this.latest.push(new Float64Array(capacity));
      this.loadBefore.push(new Float64Array(capacity));
    }
    this.size[r] = 0;
    this.vehicleOf[r] = vehicle;
    if (vehicle >= 0) this.vehicleUsed[vehicle] = 1;
    this.nodes[r]![0] = vehicle >= 0 ? this.model.vehicleStart[vehicle]! : 0;
    this.nodes[r]![1] = this.endNode(r);
    this.refreshRoute(r);
    return r;
  }

  /** Inserts customer c right after position `after` of route r (0 = after the depot). */
  insert(c: number, r: number, after: number): void {
    const route = this.nodes[r]!;
    const size = this.size[r]!;
    for (let p = size + 1; p > after; p--) route[p + 1] = route[p]!;
    route[after + 1] = c;
    this.size[r] = size + 1;
    this.removeFromUnassigned(c);
    this.refreshRoute(r);
  }

  /**
   * Takes the customers marked in `marked` (marked[c] === mark) out of route r and lists them as
   * unassigned; the route is refreshed once.
   */
  detachMarked(r: number, marked: Int32Array, mark: number): void {
    const route = this.nodes[r]!;
    const size = this.size[r]!;
    let write = 1;
    for (let p = 1; p <= size; p++) {
      const c = route[p]!;
      if (marked[c] === mark) this.markUnassigned(c);
      else route[write++] = c;
    }
    route[write] = this.endNode(r);
    this.size[r] = write - 1;
    this.refreshRoute(r);
  }

  /** Takes every customer of route r out, leaving it empty (removeEmptyRoutes drops it). */
  detachRoute(r: number): void {
    const route = this.nodes[r]!;
    for (let p = 1; p <= this.size[r]!; p++) this.markUnassigned(route[p]!);
    this.size[r] = 0;
    route[1] = this.endNode(r);
    this.refreshRoute(r);
  }

  /** Replaces route r by the customers seq[0..length) (which the caller took from routes). */
  setRoute(r: number, seq: Int32Array, length: number): void {
    const route = this.nodes[r]!;
    for (let k = 0; k < length; k++) route[k + 1] = seq[k]!;
    route[length + 1] = this.endNode(r);
    this.size[r] = length;
    this.refreshRoute(r);
  }

  /** Drops routes without customers (order of routes carries no meaning). */
  removeEmptyRoutes(): void {
    for (let r = this.routeCount - 1; r >= 0; r--) {
      if (this.size[r]! > 0) continue;
      if (this.vehicleOf[r]! >= 0) this.vehicleUsed[this.vehicleOf[r]!] = 0;
      const last = --this.routeCount;
      if (r === last) continue;
      swapItems(this.nodes, r, last);
      swapItems(this.earliest, r, last);
      swapItems(this.latest, r, last);
      swapItems(this.loadBefore, r, last);
      this.size[r] = this.size[last]!;
      this.load[r] = this.load[last]!;
      this.cost[r] = this.cost[last]!;
      this.vehicleOf[r] = this.vehicleOf[last]!;
      this.size[last] = 0;
      const route = this.nodes[r]!;
      for (let p = 1; p <= this.size[r]!; p++) this.routeOf[route[p]!] = r;
    }
  }

  /** Recomputes schedule, load, cost and positions of route r after a change. */
  refreshRoute(r: number): void {
    const { travel, nodeCount, ready, due, service, demand } = this.model;
    const route = this.nodes[r]!;
    const earliest = this.earliest[r]!;
    const latest = this.latest[r]!;
    const loadBefore = this.loadBefore[r]!;
    const size = this.size[r]!;
    let time = ready[route[0]!]!;
    let load = 0;
    let cost = 0;
    earliest[0] = time;
    loadBefore[0] = 0;
    let previous = route[0]!;
    for (let p = 1; p <= size + 1; p++) {
      const node = route[p]!;
      const leg = travel[previous * nodeCount + node]!;
      cost += leg;
      time += service[previous]! + leg;
      if (time < ready[node]!) time = ready[node]!;
      earliest[p] = time;
      load += demand[node]!;
      loadBefore[p] = load;
      if (p <= size) {
        this.routeOf[node] = r;
        this.positionOf[node] = p;
      }
      previous = node;
    }
    latest[size + 1] = due[route[size + 1]!]!;
    for (let p = size; p >= 0; p--) {
      const node = route[p]!;
      const bound = latest[p + 1]! - service[node]! - travel[node * nodeCount + route[p + 1]!]!;
      latest[p] = bound < due[node]! ? bound : due[node]!;
    }
    this.load[r] = load;
    this.cost[r] = cost;
  }

  /** Makes this plan an exact copy of `other` (same model). */
  copyFrom(other: RoutePlan): void {
    while (this.nodes.length < other.routeCount) {
      const capacity = this.model.customerCount + 2;
      this.nodes.push(new Int32Array(capacity));
      this.earliest.push(new Float64Array(capacity));
      this.latest.push(new Float64Array(capacity));
      this.loadBefore.push(new Float64Array(capacity));
    }
    this.routeCount = other.routeCount;
    for (let r = 0; r < other.routeCount; r++) {
      const length = other.size[r]! + 2;
      this.nodes[r]!.set(other.nodes[r]!.subarray(0, length));
      this.earliest[r]!.set(other.earliest[r]!.subarray(0, length));
      this.latest[r]!.set(other.latest[r]!.subarray(0, length));
      this.loadBefore[r]!.set(other.loadBefore[r]!.subarray(0, length));
    }
    this.size.set(other.size);
    this.load.set(other.load);
    this.cost.set(other.cost);
    this.routeOf.set(other.routeOf);
    this.positionOf.set(other.positionOf);
    this.vehicleOf.set(other.vehicleOf);
    this.vehicleUsed.set(other.vehicleUsed);
    this.unassigned.set(other.unassigned);
    this.unassignedIndex.set(other.unassignedIndex);
    this.unassignedCount = other.unassignedCount;
  }

  /** Whether the plan is better under the hierarchical objective (all customers routed first). */
  isBetterThan(other: RoutePlan): boolean {
    if (this.unassignedCount !== other.unassignedCount) return this.unassignedCount < other.unassignedCount;
    if (this.routeCount !== other.routeCount) return this.routeCount < other.routeCount;
    return this.totalCost() < other.totalCost() - 1e-9;
  }

  /** The routes in the caller's ids. */
  toSolution(): VrptwSolution {
    const routes: number[][] = [];
    const vehicleIds: number[] = [];
    for (let r = 0; r < this.routeCount; r++) {
      if (this.size[r] === 0) continue;
      routes.push(Array.from(this.nodes[r]!.subarray(1, this.size[r]! + 1), (node) => this.model.ids[node]!));
      vehicleIds.push(this.model.vehicleIds[this.vehicleOf[r]!]!);
    }
    const solution = { routes, vehicles: routes.length, distance: this.totalCost() };
    if (this.model.vehicleCount === 0) return solution;
    const unassigned = Array.from(this.unassigned.subarray(0, this.unassignedCount), (node) => this.model.ids[node]!).sort((a, b) => a - b);
    return { ...solution, vehicleIds, unassigned };
  }

  /** Where route r ends: the depot, or its vehicle's end. */
  endNode(r: number): number {
    const vehicle = this.vehicleOf[r]!;
    return vehicle >= 0 ? this.model.vehicleEnd[vehicle]! : 0;
  }

  /** Whether the vehicle of route r may serve customer c. */
  allows(r: number, c: number): boolean {
    const allowed = this.model.allowed;
    return allowed === null || allowed[this.vehicleOf[r]! * this.model.nodeCount + c] === 1;
  }

  private markUnassigned(c: number): void {
    this.routeOf[c] = -1;
    this.unassignedIndex[c] = this.unassignedCount;
    this.unassigned[this.unassignedCount++] = c;
  }

  private removeFromUnassigned(c: number): void {
    const index = this.unassignedIndex[c]!;
    if (index < 0) return;
    const last = this.unassigned[--this.unassignedCount]!;
    this.unassigned[index] = last;
    this.unassignedIndex[last] = index;
    this.unassignedIndex[c] = -1;
  }
}

function swapItems<T>(items: T[], i: number, j: number): void {
  const swap = items[i]!;
  items[i] = items[j]!;
  items[j] = swap;
}
