/**
 * The ETA model, pure so it can be tested on known routes: distance → road distance → travel time
 * from a speed profile, corrected by the progress the technician actually made, then smoothed so the
 * customer never sees it jump back and forth.
 */

export interface GeoPoint {
  lat: number;
  lng: number;
}

/** A point with its time in epoch milliseconds. */
export interface TimedPoint extends GeoPoint {
  at: number;
}

const EARTH_RADIUS_METERS = 6_371_008.8;
const SECOND = 1000;
const toRadians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle (haversine) distance in metres. */
export function greatCircleMeters(a: GeoPoint, b: GeoPoint): number {
  const dLat = toRadians(b.lat - a.lat);
  const dLng = toRadians(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Road distance ÷ straight-line distance. Boscoe, Henry & Zdeb (2012), "A nationwide comparison of
 * driving distance versus straight-line distance to hospitals" (The Professional Geographer 64(2)),
 * measured a mean ratio of 1.417 over the United States, higher on short trips; Newell (1980) puts
 * random urban pairs near 1.2. Service visits are mostly short urban and suburban legs, so 1.4.
 */
export const CIRCUITY = 1.4;

/**
 * Average speeds by how far into the trip the road distance is: the first kilometres are side
 * streets, junctions and parking (city-centre averages are around 15–25 km/h), longer legs reach
 * arterials and then highways. Applied band by band, so time grows continuously with distance and a
 * longer trip is never estimated shorter than a shorter one.
 */
export const SPEED_PROFILE: readonly { upToMeters: number; kmh: number }[] = [
  { upToMeters: 2_000, kmh: 20 },
  { upToMeters: 8_000, kmh: 32 },
  { upToMeters: 25_000, kmh: 55 },
  { upToMeters: Infinity, kmh: 85 },
];

/** Parking and walking to the door, added to every estimate. */
export const ARRIVAL_OVERHEAD_SECONDS = 60;

/** Within this distance of the address the customer sees "arriving". */
export const ARRIVING_METERS = 150;

/** Road distance from a straight-line distance. */
export const roadMeters = (greatCircle: number) => greatCircle * CIRCUITY;

/** Travel time in seconds for a road distance, from the speed profile (no overhead). */
export function profileSeconds(road: number): number {
  let seconds = 0;
  let from = 0;
  for (const band of SPEED_PROFILE) {
    if (road <= from) break;
    const inBand = Math.min(road, band.upToMeters) - from;
    seconds += inBand / (band.kmh / 3.6);
    from = band.upToMeters;
  }
  return seconds;
}

/** How much of the recent trip counts as evidence of progress, and how far it may pull the model. */
export const OBSERVATION_WINDOW_SECONDS = 600;
export const MIN_OBSERVATION_SECONDS = 60;
/** Even with a full window of evidence the model keeps a quarter of the say: one traffic light is not a trend. */
export const MAX_OBSERVED_WEIGHT = 0.75;
/** The observed estimate may pull at most this far from the model (a stop at the lights, a burst on a ring road). */
export const OBSERVED_RATIO_LIMITS = { min: 0.5, max: 3 } as const;

/**
 * The speed at which the technician actually closed the straight-line distance to the address over
 * the recent points (metres per second), with the time span it is based on; null without enough evidence.
 */
export function observedApproach(points: readonly TimedPoint[], destination: GeoPoint, now: number): { metersPerSecond: number; spanSeconds: number } | null {
  const recent = points.filter((p) => p.at >= now - OBSERVATION_WINDOW_SECONDS * SECOND && p.at <= now).sort((a, b) => a.at - b.at);
  if (recent.length < 2) return null;
  const first = recent[0]!;
  const last = recent.at(-1)!;
  const spanSeconds = (last.at - first.at) / SECOND;
  if (spanSeconds < MIN_OBSERVATION_SECONDS) return null;
  const closed = greatCircleMeters(first, destination) - greatCircleMeters(last, destination);
  return { metersPerSecond: closed / spanSeconds, spanSeconds };
}

export interface TravelEstimate {
  /** Seconds from now until arrival at the door. */
  seconds: number;
  greatCircleMeters: number;
  roadMeters: number;
  /** 0 (model only) to MAX_OBSERVED_WEIGHT (mostly what was observed). */
  observedWeight: number;
}

/**
 * Travel time from `from` to `destination`: the model's (or the routing service's, when given as
 * `base`) corrected towards the progress actually observed on the trip, as evidence grows.
 */
export function estimateTravel(input: {
  from: GeoPoint;
  destination: GeoPoint;
  now: number;
  recent?: readonly TimedPoint[];
  /** A routing service's answer for the same leg, used instead of the model. */
  base?: { seconds: number; meters: number };
}): TravelEstimate {
  const straight = greatCircleMeters(input.from, input.destination);
  const road = input.base?.meters ?? roadMeters(straight);
  const baseSeconds = (input.base?.seconds ?? profileSeconds(road)) + ARRIVAL_OVERHEAD_SECONDS;
  const observed = input.recent ? observedApproach(input.recent, input.destination, input.now) : null;
  if (!observed || straight <= ARRIVING_METERS) return { seconds: baseSeconds, greatCircleMeters: straight, roadMeters: road, observedWeight: 0 };

  // The straight-line remainder at the straight-line approach speed: the circuity cancels out, so
  // detours and traffic the model cannot know show up here. Stopped or moving away counts as slow, bounded.
  const driving = baseSeconds - ARRIVAL_OVERHEAD_SECONDS;
  const observedDriving =
    observed.metersPerSecond > 0 ? straight / observed.metersPerSecond : driving * OBSERVED_RATIO_LIMITS.max;
  const bounded = Math.min(driving * OBSERVED_RATIO_LIMITS.max, Math.max(driving * OBSERVED_RATIO_LIMITS.min, observedDriving));
  const weight = MAX_OBSERVED_WEIGHT * Math.min(1, observed.spanSeconds / OBSERVATION_WINDOW_SECONDS);
  return {
    seconds: (1 - weight) * driving + weight * bounded + ARRIVAL_OVERHEAD_SECONDS,
    greatCircleMeters: straight,
    roadMeters: road,
    observedWeight: weight,
  };
}

/** Smoothing: the share of each new estimate taken into the running estimate. */
export const SMOOTHING_ALPHA = 0.2;
/** The arrival shown changes only when the running estimate drifts this far from it. */
export const DEAD_BAND_SECONDS = 45;
/**
 * Between two updates Δt apart the true arrival can slip by at most Δt (standing still) and come
 * forward by little more; allow that plus a minute for new information, no more.
 */
export const MAX_SHIFT_BASE_SECONDS = 60;
/** A smoothed ETA older than this is no basis for the next one: start again from the estimate. */
export const SMOOTHING_RESET_SECONDS = 600;

/** What smoothing carries from one update to the next (epoch ms). */
export interface SmoothedArrival {
  /** The arrival the customer is shown. */
  shownAt: number;
  /** The running (exponentially smoothed) estimate behind it. */
  estimateAt: number;
}

/**
 * The arrival to show: the raw estimates are smoothed exponentially, each step capped to what is
 * physically sensible; the shown arrival follows the smoothed estimate only once it has drifted out
 * of a dead band, so noise around a steady trip changes nothing and the ETA never flickers.
 */
export function smoothArrival(previous: (SmoothedArrival & { updatedAt: number }) | null, rawArrivalAt: number, now: number): SmoothedArrival {
  if (!previous || now - previous.updatedAt > SMOOTHING_RESET_SECONDS * SECOND) {
    const start = Math.max(now, rawArrivalAt);
    return { shownAt: start, estimateAt: start };
  }
  const limit = MAX_SHIFT_BASE_SECONDS * SECOND + Math.max(0, now - previous.updatedAt);
  const cap = (step: number) => Math.max(-limit, Math.min(limit, step));
  const estimateAt = previous.estimateAt + cap(SMOOTHING_ALPHA * (rawArrivalAt - previous.estimateAt));
  const drift = estimateAt - previous.shownAt;
  const shownAt = Math.abs(drift) >= DEAD_BAND_SECONDS * SECOND ? previous.shownAt + cap(drift) : previous.shownAt;
  return { shownAt: Math.max(now, shownAt), estimateAt: Math.max(now, estimateAt) };
}

/** The ETA as the APIs show it: the arrival instant and whole minutes from now. */
export function etaOf(arrivalAt: number, now: number): { arrivalAt: string; minutes: number } {
  return { arrivalAt: new Date(arrivalAt).toISOString(), minutes: Math.max(0, Math.round((arrivalAt - now) / 60_000)) };
}
