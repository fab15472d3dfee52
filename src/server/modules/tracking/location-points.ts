import { greatCircleMeters } from './eta.js';

/** One point as the technician's device sent it. */
export interface LocationPoint {
  at: string;
  lat: number;
  lng: number;
  accuracy: number;
  speed?: number | null;
  heading?: number | null;
}

export type RejectReason = 'stale' | 'in_future' | 'out_of_order' | 'implausible_coordinates' | 'implausible_accuracy' | 'implausible_speed';

/** Points older than this are no news to anyone watching. */
export const STALE_AFTER_SECONDS = 120;
/** Device clocks drift; beyond this a point's time cannot be right. */
export const FUTURE_TOLERANCE_SECONDS = 30;
/** A GPS fix worse than this says nothing about where the van is. */
export const WORST_ACCURACY_METERS = 1000;
/** No service van gets there faster; a jump implying more is a bad fix. */
export const MAX_SPEED_KMH = 200;

/**
 * Sorts a batch into accepted points and rejected ones with a reason, each judged against the last
 * accepted point (the stored one, then the batch's own). Pure: the clock and the last point are given.
 */
export function checkPoints(points: readonly LocationPoint[], last: { at: string; lat: number; lng: number; accuracy: number } | undefined, now: Date) {
  const accepted: { index: number; point: LocationPoint }[] = [];
  const rejected: { index: number; reason: RejectReason }[] = [];
  let previous = last ? { ...last, time: Date.parse(last.at) } : undefined;
  points.forEach((point, index) => {
    const time = Date.parse(point.at);
    const reason = ((): RejectReason | null => {
      if (!(Math.abs(point.lat) <= 90 && Math.abs(point.lng) <= 180)) return 'implausible_coordinates';
      if (!(point.accuracy >= 0 && point.accuracy <= WORST_ACCURACY_METERS)) return 'implausible_accuracy';
      if (time > now.getTime() + FUTURE_TOLERANCE_SECONDS * 1000) return 'in_future';
      if (time < now.getTime() - STALE_AFTER_SECONDS * 1000) return 'stale';
      if (previous && time <= previous.time) return 'out_of_order';
      if (previous) {
        // What the two fixes' own uncertainty explains is not movement.
        const moved = Math.max(0, greatCircleMeters(previous, point) - previous.accuracy - point.accuracy);
        const kmh = (moved / ((time - previous.time) / 1000)) * 3.6;
        if (kmh > MAX_SPEED_KMH) return 'implausible_speed';
      }
      return null;
    })();
    if (reason) {
      rejected.push({ index, reason });
    } else {
      accepted.push({ index, point });
      previous = { at: point.at, lat: point.lat, lng: point.lng, accuracy: point.accuracy, time };
    }
  });
  return { accepted, rejected };
}
