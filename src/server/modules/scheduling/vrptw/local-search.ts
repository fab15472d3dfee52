/**
 * Neighbourhood descent on a complete plan: relocate and or-opt (move a run of 1–3 customers),
 * swap (exchange two customers of different routes) and 2-opt* (exchange the tails of two routes),
 * each tried only between a customer and its nearest neighbours. Moves between routes are checked
 * in O(1) (O(run length) for or-opt) with the earliest/latest start arrays; moves within a route
 * are rare enough to simulate the route. First improvement, until no move improves.
 */
import type { ProblemModel } from './problem-model.js';
import type { SeededRandom } from './random.js';
import type { RoutePlan } from './route-plan.js';

const MAX_RUN = 3;
const IMPROVEMENT = 1e-9;

export class LocalSearch {
  private readonly order: Int32Array;
  private readonly first: Int32Array;
  private readonly second: Int32Array;
  private readonly neighbourCount: number;

  constructor(
    private readonly model: ProblemModel,
    private readonly random: SeededRandom,
    neighbourCount = 25,
  ) {
    const n = model.customerCount;
    this.order = Int32Array.from({ length: n }, (_, k) => k + 1);
    this.first = new Int32Array(n + 2);
    this.second = new Int32Array(n + 2);
    this.neighbourCount = Math.min(neighbourCount, n - 1);
  }

  /** Improves a complete plan until no move in the neighbourhood improves it; drops emptied routes. */
  run(plan: RoutePlan): void {
    const n = this.model.customerCount;
    const neighbours = this.model.neighbours;
    let improved = true;
    while (improved) {
      improved = false;
      if (this.model.vehicleCount > 0 && this.improveVehicles(plan)) improved = true;
      this.random.shuffle(this.order);
      for (let k = 0; k < n; k++) {
        const u = this.order[k]!;
        if (plan.routeOf[u]! < 0) continue;
        for (let m = 1; m <= this.neighbourCount; m++) {
          const v = neighbours[u * n + m]!;
          if (plan.routeOf[v]! < 0) continue;
          if (this.tryMoves(plan, u, v)) improved = true;
        }
      }
    }
    plan.removeEmptyRoutes();
  }

  private tryMoves(plan: RoutePlan, u: number, v: number): boolean {
    const ru = plan.routeOf[u]!;
    const rv = plan.routeOf[v]!;
    const pu = plan.positionOf[u]!;
    const pv = plan.positionOf[v]!;
    if (ru === rv) {
      for (let length = 1; length <= MAX_RUN; length++) {
        if (pu + length - 1 > plan.size[ru]!) break;
        if (this.relocateWithinRoute(plan, ru, pu, pu + length - 1, pv) || this.relocateWithinRoute(plan, ru, pu, pu + length - 1, pv - 1)) return true;
      }
      return false;
    }
    for (let length = 1; length <= MAX_RUN; length++) {
      if (pu + length - 1 > plan.size[ru]!) break;
      if (this.relocateBetweenRoutes(plan, ru, pu, pu + length - 1, rv, pv) || this.relocateBetweenRoutes(plan, ru, pu, pu + length - 1, rv, pv - 1)) return true;
    }
    if (this.swap(plan, ru, pu, rv, pv)) return true;
    // 2-opt*: make u → v an edge, or v → u.
    if (this.exchangeTails(plan, ru, pu, rv, pv - 1)) return true;
    return this.exchangeTails(plan, ru, pu - 1, rv, pv);
  }

  /** Moves positions i..j of route a to right after position q of route b. */
  private relocateBetweenRoutes(plan: RoutePlan, a: number, i: number, j: number, b: number, q: number): boolean {
    const { travel: T, nodeCount: N, ready, due, service, capacity } = this.model;
    const A = plan.nodes[a]!;
    const B = plan.nodes[b]!;
    const loadBeforeA = plan.loadBefore[a]!;
    const runLoad = loadBeforeA[j]! - loadBeforeA[i - 1]!;
    if (plan.load[b]! + runLoad > capacity) return false;
    const a0 = A[i - 1]!;
    const a1 = A[j + 1]!;
    const first = A[i]!;
    const last = A[j]!;
    const b0 = B[q]!;
    const b1 = B[q + 1]!;
    const delta = T[a0 * N + a1]! - T[a0 * N + first]! - T[last * N + a1]! + T[b0 * N + first]! + T[last * N + b1]! - T[b0 * N + b1]!;
    if (delta > -IMPROVEMENT) return false;
    if (this.model.allowed !== null) for (let p = i; p <= j; p++) if (!plan.allows(b, A[p]!)) return false;
    if (plan.earliest[a]![i - 1]! + service[a0]! + T[a0 * N + a1]! > plan.latest[a]![j + 1]!) return false;
    let time = plan.earliest[b]![q]!;
    let previous = b0;
    for (let p = i; p <= j; p++) {
      const node = A[p]!;
      time += service[previous]! + T[previous * N + node]!;
      if (time < ready[node]!) time = ready[node]!;
      if (time > due[node]!) return false;
      previous = node;
    }
    if (time + service[previous]! + T[previous * N + b1]! > plan.latest[b]![q + 1]!) return false;

    const sizeA = plan.size[a]!;
    const sizeB = plan.size[b]!;
    let length = 0;
    for (let p = 1; p <= q; p++) this.second[length++] = B[p]!;
    for (let p = i; p <= j; p++) this.second[length++] = A[p]!;
    for (let p = q + 1; p <= sizeB; p++) this.second[length++] = B[p]!;
    plan.setRoute(b, this.second, length);
    length = 0;
    for (let p = 1; p < i; p++) this.first[length++] = A[p]!;
    for (let p = j + 1; p <= sizeA; p++) this.first[length++] = A[p]!;
    plan.setRoute(a, this.first, length);
    return true;
  }

  /** Moves positions i..j of route r to right after position q (outside i-1..j) of the same route. */
  private relocateWithinRoute(plan: RoutePlan, r: number, i: number, j: number, q: number): boolean {
    if (q >= i - 1 && q <= j) return false;
    const { travel: T, nodeCount: N } = this.model;
    const route = plan.nodes[r]!;
    const first = route[i]!;
    const last = route[j]!;
    const before = route[i - 1]!;
    const after = route[j + 1]!;
    const delta = T[before * N + after]! - T[before * N + first]! - T[last * N + after]! + T[route[q]! * N + first]! + T[last * N + route[q + 1]!]! - T[route[q]! * N + route[q + 1]!]!;
    if (delta > -IMPROVEMENT) return false;
    const size = plan.size[r]!;
    let length = 0;
    for (let p = 1; p <= size; p++) {
      if (p >= i && p <= j) continue;
      this.first[length++] = route[p]!;
      if (p === q) for (let s = i; s <= j; s++) this.first[length++] = route[s]!;
    }
    if (q === 0) {
      this.first.copyWithin(j - i + 1, 0, length);
      for (let s = i; s <= j; s++) this.first[s - i] = route[s]!;
      length += j - i + 1;
    }
    if (!this.isFeasibleSequence(this.first, length, route[0]!, route[size + 1]!)) return false;
    plan.setRoute(r, this.first, length);
    return true;
  }

  /** Exchanges the customer at position i of route a with the one at position j of route b. */
  private swap(plan: RoutePlan, a: number, i: number, b: number, j: number): boolean {
    const { travel: T, nodeCount: N, demand, capacity } = this.model;
    const A = plan.nodes[a]!;
    const B = plan.nodes[b]!;
    const u = A[i]!;
    const v = B[j]!;
    const delta =
      T[A[i - 1]! * N + v]! + T[v * N + A[i + 1]!]! - T[A[i - 1]! * N + u]! - T[u * N + A[i + 1]!]! + T[B[j - 1]! * N + u]! + T[u * N + B[j + 1]!]! - T[B[j - 1]! * N + v]! - T[v * N + B[j + 1]!]!;
    if (delta > -IMPROVEMENT) return false;
    if (this.model.allowed !== null && (!plan.allows(a, v) || !plan.allows(b, u))) return false;
    if (plan.load[a]! - demand[u]! + demand[v]! > capacity || plan.load[b]! - demand[v]! + demand[u]! > capacity) return false;
    if (!this.fitsBetween(plan, a, i - 1, v, i + 1) || !this.fitsBetween(plan, b, j - 1, u, j + 1)) return false;
    A[i] = v;
    B[j] = u;
    plan.refreshRoute(a);
    plan.refreshRoute(b);
    return true;
  }

  /** 2-opt*: route a keeps positions 1..i then takes b's tail after j, and b the other way round. */
  private exchangeTails(plan: RoutePlan, a: number, i: number, b: number, j: number): boolean {
    const { travel: T, nodeCount: N, service, capacity } = this.model;
    if (this.model.vehicleCount > 0) return this.exchangeTailsBetweenVehicles(plan, a, i, b, j);
    const A = plan.nodes[a]!;
    const B = plan.nodes[b]!;
    const x = A[i]!;
    const x1 = A[i + 1]!;
    const y = B[j]!;
    const y1 = B[j + 1]!;
    const delta = T[x * N + y1]! + T[y * N + x1]! - T[x * N + x1]! - T[y * N + y1]!;
    if (delta > -IMPROVEMENT) return false;
    const headA = plan.loadBefore[a]![i]!;
    const headB = plan.loadBefore[b]![j]!;
    if (headA + plan.load[b]! - headB > capacity || headB + plan.load[a]! - headA > capacity) return false;
    if (plan.earliest[a]![i]! + service[x]! + T[x * N + y1]! > plan.latest[b]![j + 1]!) return false;
    if (plan.earliest[b]![j]! + service[y]! + T[y * N + x1]! > plan.latest[a]![i + 1]!) return false;
    const sizeA = plan.size[a]!;
    const sizeB = plan.size[b]!;
    let lengthA = 0;
    for (let p = 1; p <= i; p++) this.first[lengthA++] = A[p]!;
    for (let p = j + 1; p <= sizeB; p++) this.first[lengthA++] = B[p]!;
    let lengthB = 0;
    for (let p = 1; p <= j; p++) this.second[lengthB++] = B[p]!;
    for (let p = i + 1; p <= sizeA; p++) this.second[lengthB++] = A[p]!;
    plan.setRoute(a, this.first, lengthA);
    plan.setRoute(b, this.second, lengthB);
    return true;
  }

  /**
   * 2-opt* in a heterogeneous fleet: each tail moves to a route with another end (the other
   * technician's home), so the latest-start figures of the tail do not hold there. The two new
   * routes are built and replayed instead; tails also have to be allowed on their new vehicle.
   */
  private exchangeTailsBetweenVehicles(plan: RoutePlan, a: number, i: number, b: number, j: number): boolean {
    const { travel: T, nodeCount: N, capacity } = this.model;
    const A = plan.nodes[a]!;
    const B = plan.nodes[b]!;
    const sizeA = plan.size[a]!;
    const sizeB = plan.size[b]!;
    const headA = plan.loadBefore[a]![i]!;
    const headB = plan.loadBefore[b]![j]!;
    if (headA + plan.load[b]! - headB > capacity || headB + plan.load[a]! - headA > capacity) return false;
    let lengthA = 0;
    for (let p = 1; p <= i; p++) this.first[lengthA++] = A[p]!;
    for (let p = j + 1; p <= sizeB; p++) this.first[lengthA++] = B[p]!;
    let lengthB = 0;
    for (let p = 1; p <= j; p++) this.second[lengthB++] = B[p]!;
    for (let p = i + 1; p <= sizeA; p++) this.second[lengthB++] = A[p]!;
    const costOf = (seq: Int32Array, length: number, start: number, end: number) => {
      let cost = 0;
      let previous = start;
      for (let k = 0; k < length; k++) {
        cost += T[previous * N + seq[k]!]!;
        previous = seq[k]!;
      }
      return cost + T[previous * N + end]!;
    };
    const endA = A[sizeA + 1]!;
    const endB = B[sizeB + 1]!;
    const delta = costOf(this.first, lengthA, A[0]!, endA) + costOf(this.second, lengthB, B[0]!, endB) - plan.cost[a]! - plan.cost[b]!;
    if (delta > -IMPROVEMENT) return false;
    if (this.model.allowed !== null) {
      for (let p = j + 1; p <= sizeB; p++) if (!plan.allows(a, B[p]!)) return false;
      for (let p = i + 1; p <= sizeA; p++) if (!plan.allows(b, A[p]!)) return false;
    }
    if (!this.isFeasibleSequence(this.first, lengthA, A[0]!, endA) || !this.isFeasibleSequence(this.second, lengthB, B[0]!, endB)) return false;
    plan.setRoute(a, this.first, lengthA);
    plan.setRoute(b, this.second, lengthB);
    return true;
  }

  /**
   * Heterogeneous fleet: hands a whole route to an unused vehicle, or swaps the vehicles of two
   * routes, when that shortens travel (technicians' homes differ, so who drives a route matters).
   */
  private improveVehicles(plan: RoutePlan): boolean {
    const { vehicleCount, vehicleStart, vehicleEnd, allowed, nodeCount } = this.model;
    let improved = false;
    const routeCost = (r: number, vehicle: number): number => {
      const route = plan.nodes[r]!;
      const size = plan.size[r]!;
      if (allowed !== null) for (let p = 1; p <= size; p++) if (allowed[vehicle * nodeCount + route[p]!] === 0) return Infinity;
      for (let p = 0; p < size; p++) this.first[p] = route[p + 1]!;
      if (!this.isFeasibleSequence(this.first, size, vehicleStart[vehicle]!, vehicleEnd[vehicle]!)) return Infinity;
      const { travel: T } = this.model;
      let cost = T[vehicleStart[vehicle]! * nodeCount + route[1]!]! + T[route[size]! * nodeCount + vehicleEnd[vehicle]!]!;
      for (let p = 1; p < size; p++) cost += T[route[p]! * nodeCount + route[p + 1]!]!;
      return cost;
    };
    const setVehicle = (r: number, vehicle: number) => {
      plan.vehicleOf[r] = vehicle;
      const route = plan.nodes[r]!;
      route[0] = vehicleStart[vehicle]!;
      route[plan.size[r]! + 1] = vehicleEnd[vehicle]!;
      plan.refreshRoute(r);
    };
    for (let r = 0; r < plan.routeCount; r++) {
      if (plan.size[r] === 0) continue;
      for (let v = 0; v < vehicleCount; v++) {
        if (plan.vehicleUsed[v] === 1) continue;
        if (routeCost(r, v) < plan.cost[r]! - IMPROVEMENT) {
          plan.vehicleUsed[plan.vehicleOf[r]!] = 0;
          plan.vehicleUsed[v] = 1;
          setVehicle(r, v);
          improved = true;
        }
      }
      for (let s = r + 1; s < plan.routeCount; s++) {
        if (plan.size[s] === 0) continue;
        const vr = plan.vehicleOf[r]!;
        const vs = plan.vehicleOf[s]!;
        if (routeCost(r, vs) + routeCost(s, vr) < plan.cost[r]! + plan.cost[s]! - IMPROVEMENT) {
          setVehicle(s, vr);
          setVehicle(r, vs);
          improved = true;
        }
      }
    }
    return improved;
  }

  /** Whether customer c can be served between position `before` and position `after` of route r. */
  private fitsBetween(plan: RoutePlan, r: number, before: number, c: number, after: number): boolean {
    const { travel: T, nodeCount: N, ready, due, service } = this.model;
    const route = plan.nodes[r]!;
    const previous = route[before]!;
    let time = plan.earliest[r]![before]! + service[previous]! + T[previous * N + c]!;
    if (time < ready[c]!) time = ready[c]!;
    if (time > due[c]!) return false;
    return time + service[c]! + T[c * N + route[after]!]! <= plan.latest[r]![after]!;
  }

  private isFeasibleSequence(seq: Int32Array, length: number, start: number, end: number): boolean {
    const { travel: T, nodeCount: N, ready, due, service } = this.model;
    let time = ready[start]!;
    let previous = start;
    for (let k = 0; k <= length; k++) {
      const node = k < length ? seq[k]! : end;
      time += service[previous]! + T[previous * N + node]!;
      if (time < ready[node]!) time = ready[node]!;
      if (time > due[node]!) return false;
      previous = node;
    }
    return true;
  }
}
