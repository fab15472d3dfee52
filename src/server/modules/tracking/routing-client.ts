import type { GeoPoint } from './eta.js';

export interface RoutedLeg {
  seconds: number;
  meters: number;
}

export interface RoutingClient {
  /** Driving time and distance of one leg, or null when the service cannot answer in time. */
  route(from: GeoPoint, to: GeoPoint): Promise<RoutedLeg | null>;
}

/**
 * An OSRM-compatible routing service (`/route/v1/driving/{lng},{lat};{lng},{lat}`). A location post
 * waits for it, so it gets a short timeout; any failure answers null and the ETA falls back to the model.
 */
export function createOsrmClient(baseUrl: string, options: { timeoutMs?: number; logger?: { warn(obj: unknown, msg?: string): void } } = {}): RoutingClient {
  const root = baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 1500;
  return {
    async route(from, to) {
      const coordinates = `${from.lng.toFixed(6)},${from.lat.toFixed(6)};${to.lng.toFixed(6)},${to.lat.toFixed(6)}`;
      try {
        const response = await fetch(`${root}/route/v1/driving/${coordinates}?overview=false`, { signal: AbortSignal.timeout(timeoutMs) });
        if (!response.ok) throw new Error(`routing service answered ${response.status}`);
        const body = (await response.json()) as { code?: string; routes?: { duration?: unknown; distance?: unknown }[] };
        const leg = body.routes?.[0];
        if (body.code !== 'Ok' || typeof leg?.duration !== 'number' || typeof leg.distance !== 'number' || leg.duration < 0) throw new Error(`routing service found no route (${body.code ?? 'no code'})`);
        return { seconds: leg.duration, meters: leg.distance };
      } catch (error) {
        options.logger?.warn({ err: error }, 'routing service unavailable; ETA from the model');
        return null;
      }
    },
  };
}
