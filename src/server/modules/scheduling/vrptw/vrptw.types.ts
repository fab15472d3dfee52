/**
 * The vehicle routing problem with time windows (VRPTW) as the solver sees it: one depot, customers
 * with a demand and a window for the start of their service, identical vehicles. Travel time and
 * distance are the same quantity (seconds on roads, or Euclidean units for the Solomon benchmark).
 */

/** Where vehicles start and end, and the planning horizon. */
export interface VrptwDepot {
  /** Coordinates; needed only when the problem has no `travelTimes` matrix. */
  x?: number;
  y?: number;
  /** Earliest departure from the depot. */
  windowStart: number;
  /** The horizon: every vehicle must be back at the depot by then. */
  windowEnd: number;
}

/** One stop to serve. */
export interface VrptwCustomer {
  /** The caller's identifier, returned in the routes. Must be unique. */
  id: number;
  x?: number;
  y?: number;
  /** Units taken from the vehicle's capacity. */
  demand: number;
  /** Service may not start before this (arriving earlier means waiting). */
  windowStart: number;
  /** Service must START by this time; arriving later is infeasible. */
  windowEnd: number;
  /** How long the stop takes once started. */
  serviceTime: number;
}

/**
 * One vehicle of a heterogeneous fleet (a technician's day): its own start and end, its own shift,
 * and the customers it may serve. When a problem lists vehicles, the fleet is exactly that list.
 */
export interface VrptwVehicle {
  /** The caller's identifier, returned with each route. Must be unique. */
  id: number;
  /** Earliest departure from the start. */
  shiftStart: number;
  /** Back at the end by then. */
  shiftEnd: number;
  /** Start and end coordinates; needed only when the problem has no `travelTimes` matrix. */
  startX?: number;
  startY?: number;
  endX?: number;
  endY?: number;
  /** Ids of the customers this vehicle may serve (skills, territories, pinned visits); absent: all. */
  allowedCustomers?: readonly number[];
}

export interface VrptwProblem {
  name: string;
  depot: VrptwDepot;
  customers: VrptwCustomer[];
  vehicleCapacity: number;
  /** How many vehicles are available; a solution needing more is reported infeasible. */
  maxVehicles: number;
  /**
   * Travel times (= distances) between all points, row = from, column = to; index 0 is the
   * depot and index i is `customers[i - 1]`. May be asymmetric. When absent, the Euclidean
   * distance between coordinates is used in double precision (the Solomon convention).
   * With `vehicles`, the matrix goes on: index n + 1 + 2k is vehicle k's start, n + 2 + 2k its end.
   */
  travelTimes?: readonly (readonly number[])[];
  /**
   * A heterogeneous fleet. Absent: `maxVehicles` identical vehicles leave and return to the depot
   * (the Solomon problem, solved exactly as before). Present: the depot only serves as a reference
   * point for the search's orderings, `maxVehicles` is ignored, and customers no vehicle can take
   * in time are returned as `unassigned` instead of making the problem invalid.
   */
  vehicles?: readonly VrptwVehicle[];
}

/** A set of routes; each route leaves the depot, visits its customers in order and returns. */
export interface VrptwSolution {
  /** Customer ids in visiting order, one array per vehicle used. */
  routes: number[][];
  vehicles: number;
  /** Total travel distance (= travel time) of all routes, depot legs included. */
  distance: number;
  /** With a vehicle list: the vehicle id of each route, parallel to `routes`. */
  vehicleIds?: number[];
  /** With a vehicle list: customers left out (no vehicle could take them), fewest first in the objective. */
  unassigned?: number[];
}

export interface VrptwSolveOptions {
  /** Seed of the pseudo-random generator: same seed and same iteration limit, same routes. */
  seed?: number;
  /** Wall-clock budget. The only time-dependent decision the solver makes is when to stop. */
  timeLimitMs?: number;
  /**
   * Budget in ruin-and-recreate iterations. When set without a time limit the run is fully
   * reproducible, because phases and the annealing temperature follow iterations, not the clock.
   */
  maxIterations?: number;
  /** Share of the budget the route-minimisation phase may use (default 0.5). */
  routeMinimisationShare?: number;
}

export interface VrptwSolveResult extends VrptwSolution {
  /** The construction heuristic's solution, the baseline the search improves on. */
  construction: VrptwSolution;
  iterations: number;
  elapsedMs: number;
}
