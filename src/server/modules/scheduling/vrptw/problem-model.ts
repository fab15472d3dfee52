/**
 * The problem compiled into flat typed arrays the search reads in its inner loops. Node 0 is the
 * depot, node i is `problem.customers[i - 1]`; with a vehicle list, node n + 1 + 2k is vehicle k's
 * start and n + 2 + 2k its end, so a route simply begins and ends at its vehicle's own nodes.
 */
import type { VrptwProblem } from './vrptw.types.js';

export interface ProblemModel {
  customerCount: number;
  /** customerCount + 1 (the depot), + 2 per vehicle of a heterogeneous fleet. */
  nodeCount: number;
  /** Row-major travel time (= distance) matrix: travel[from * nodeCount + to]. */
  travel: Float64Array;
  demand: Float64Array;
  ready: Float64Array;
  due: Float64Array;
  service: Float64Array;
  capacity: number;
  maxVehicles: number;
  horizon: number;
  /**
   * For each customer, every customer (itself first) from nearest to farthest, using the
   * round-trip time so that asymmetric matrices give a sensible notion of "close".
   * neighbours[c * customerCount + k] is the k-th nearest of customer c (rows 1..n are used).
   */
  neighbours: Int32Array;
  /** The caller's id of each node (index 0 unused). */
  ids: Int32Array;
  /** A lower bound on the vehicles needed, from capacity alone. */
  vehicleLowerBound: number;
  /** Vehicles of a heterogeneous fleet; 0 for identical vehicles at the depot. */
  vehicleCount: number;
  /** Start and end node of each vehicle. */
  vehicleStart: Int32Array;
  vehicleEnd: Int32Array;
  vehicleIds: Int32Array;
  /** allowed[v * nodeCount + c] === 1 when vehicle v may serve customer c; null: anyone may serve anyone. */
  allowed: Uint8Array | null;
  /** Heterogeneous fleet: customers no vehicle can serve even alone, who are always left out. */
  unservableCount: number;
}

/** Validates the problem and builds its model; throws naming the first thing that is wrong. */
export function buildProblemModel(problem: VrptwProblem): ProblemModel {
  const n = problem.customers.length;
  const vehicles = problem.vehicles ?? [];
  const vehicleCount = vehicles.length;
  const nodeCount = n + 1 + 2 * vehicleCount;
  if (!(problem.vehicleCapacity > 0)) throw new Error(`${problem.name}: vehicleCapacity must be positive`);
  if (problem.vehicles ? vehicleCount === 0 : !(problem.maxVehicles >= 1)) throw new Error(`${problem.name}: maxVehicles must be at least 1`);

  const demand = new Float64Array(nodeCount);
  const ready = new Float64Array(nodeCount);
  const due = new Float64Array(nodeCount);
  const service = new Float64Array(nodeCount);
  const ids = new Int32Array(nodeCount);
  ready[0] = problem.depot.windowStart;
  due[0] = problem.depot.windowEnd;
  const seen = new Set<number>();
  let totalDemand = 0;
  problem.customers.forEach((customer, index) => {
    const node = index + 1;
    if (seen.has(customer.id)) throw new Error(`${problem.name}: customer id ${customer.id} appears twice`);
    seen.add(customer.id);
    if (customer.demand < 0 || customer.serviceTime < 0) throw new Error(`${problem.name}: customer ${customer.id} has a negative demand or service time`);
    if (!(customer.windowEnd >= customer.windowStart)) throw new Error(`${problem.name}: customer ${customer.id} has a window that ends before it starts`);
    if (customer.demand > problem.vehicleCapacity) throw new Error(`${problem.name}: customer ${customer.id} needs more than a vehicle's capacity`);
    ids[node] = customer.id;
    demand[node] = customer.demand;
    ready[node] = customer.windowStart;
    due[node] = customer.windowEnd;
    service[node] = customer.serviceTime;
    totalDemand += customer.demand;
  });

  const vehicleStart = new Int32Array(vehicleCount);
  const vehicleEnd = new Int32Array(vehicleCount);
  const vehicleIds = new Int32Array(vehicleCount);
  let allowed: Uint8Array | null = null;
  if (vehicleCount > 0) {
    const nodeOfCustomer = new Map(problem.customers.map((customer, index) => [customer.id, index + 1]));
    const seenVehicles = new Set<number>();
    vehicles.forEach((vehicle, v) => {
      if (seenVehicles.has(vehicle.id)) throw new Error(`${problem.name}: vehicle id ${vehicle.id} appears twice`);
      seenVehicles.add(vehicle.id);
      if (!(vehicle.shiftEnd >= vehicle.shiftStart)) throw new Error(`${problem.name}: vehicle ${vehicle.id} has a shift that ends before it starts`);
      const start = n + 1 + 2 * v;
      vehicleStart[v] = start;
      vehicleEnd[v] = start + 1;
      vehicleIds[v] = vehicle.id;
      // A start may be left any time in the shift, an end reached any time before the shift ends.
      ready[start] = vehicle.shiftStart;
      due[start] = vehicle.shiftEnd;
      ready[start + 1] = vehicle.shiftStart;
      due[start + 1] = vehicle.shiftEnd;
      ids[start] = -1;
      ids[start + 1] = -1;
    });
    if (vehicles.some((vehicle) => vehicle.allowedCustomers)) {
      allowed = new Uint8Array(vehicleCount * nodeCount);
      vehicles.forEach((vehicle, v) => {
        if (!vehicle.allowedCustomers) {
          allowed!.fill(1, v * nodeCount + 1, v * nodeCount + n + 1);
          return;
        }
        for (const id of vehicle.allowedCustomers) {
          const node = nodeOfCustomer.get(id);
          if (node === undefined) throw new Error(`${problem.name}: vehicle ${vehicle.id} allows unknown customer ${id}`);
          allowed![v * nodeCount + node] = 1;
        }
      });
    }
  }

  const travel = new Float64Array(nodeCount * nodeCount);
  if (problem.travelTimes) {
    const matrix = problem.travelTimes;
    if (matrix.length !== nodeCount) throw new Error(`${problem.name}: travelTimes has ${matrix.length} rows, expected ${nodeCount} (depot + customers${vehicleCount > 0 ? ' + vehicle starts and ends' : ''})`);
    for (let i = 0; i < nodeCount; i++) {
      const row = matrix[i]!;
      if (row.length !== nodeCount) throw new Error(`${problem.name}: travelTimes row ${i} has ${row.length} entries, expected ${nodeCount}`);
      for (let j = 0; j < nodeCount; j++) {
        const value = row[j]!;
        if (!(value >= 0)) throw new Error(`${problem.name}: travelTimes[${i}][${j}] must be a non-negative number`);
        travel[i * nodeCount + j] = i === j ? 0 : value;
      }
    }
  } else {
    const xs = [problem.depot.x, ...problem.customers.map((c) => c.x), ...vehicles.flatMap((v) => [v.startX, v.endX])];
    const ys = [problem.depot.y, ...problem.customers.map((c) => c.y), ...vehicles.flatMap((v) => [v.startY, v.endY])];
    xs.forEach((x, i) => {
      if (x === undefined || ys[i] === undefined) throw new Error(`${problem.name}: node ${i === 0 ? 'depot' : i > n ? `of vehicle ${vehicleIds[(i - n - 1) >> 1]}` : ids[i]} has no coordinates and there is no travelTimes matrix`);
    });
    for (let i = 0; i < nodeCount; i++) {
      for (let j = 0; j < nodeCount; j++) travel[i * nodeCount + j] = Math.hypot(xs[i]! - xs[j]!, ys[i]! - ys[j]!);
    }
  }

  const neighbours = new Int32Array(nodeCount * Math.max(n, 1));
  const order = Array.from({ length: n }, (_, k) => k + 1);
  for (let c = 1; c <= n; c++) {
    const closeness = (other: number) => (other === c ? -1 : travel[c * nodeCount + other]! + travel[other * nodeCount + c]!);
    order.sort((p, q) => closeness(p) - closeness(q) || p - q);
    neighbours.set(order, c * n);
  }

  let unservableCount = 0;
  for (let c = 1; c <= n && vehicleCount > 0; c++) {
    let servable = false;
    for (let v = 0; v < vehicleCount && !servable; v++) {
      if (allowed !== null && allowed[v * nodeCount + c] === 0) continue;
      const start = vehicleStart[v]!;
      const end = vehicleEnd[v]!;
      const arrival = Math.max(ready[start]! + travel[start * nodeCount + c]!, ready[c]!);
      servable = arrival <= due[c]! && arrival + service[c]! + travel[c * nodeCount + end]! <= due[end]!;
    }
    if (!servable) unservableCount++;
  }

  return {
    customerCount: n,
    nodeCount,
    travel,
    demand,
    ready,
    due,
    service,
    capacity: problem.vehicleCapacity,
    maxVehicles: vehicleCount > 0 ? vehicleCount : problem.maxVehicles,
    horizon: problem.depot.windowEnd,
    neighbours,
    ids,
    vehicleLowerBound: Math.max(n > 0 ? 1 : 0, Math.ceil(totalDemand / problem.vehicleCapacity - 1e-9)),
    vehicleCount,
    vehicleStart,
    vehicleEnd,
    vehicleIds,
    allowed,
    unservableCount,
  };
}
