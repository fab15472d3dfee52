import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARRIVAL_OVERHEAD_SECONDS,
  CIRCUITY,
  estimateTravel,
  etaOf,
  greatCircleMeters,
  profileSeconds,
  smoothArrival,
  type GeoPoint,
  type TimedPoint,
} from '../../src/server/modules/tracking/eta.js';
import { createOsrmClient } from '../../src/server/modules/tracking/routing-client.js';

const NOW = Date.parse('2026-01-14T14:00:00.000Z');
const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** A point `meters` due south of `to` (1° of latitude ≈ 111.2 km). */
const southOf = (to: GeoPoint, meters: number): GeoPoint => ({ lat: to.lat - meters / 111_195, lng: to.lng });
const HOME: GeoPoint = { lat: 39.7817, lng: -89.6501 };

describe('distance', () => {
  it('measures known great-circle distances', () => {
    // Paris (Notre-Dame) → London (Charing Cross): 343.5 km as the crow flies.
    expect(greatCircleMeters({ lat: 48.8566, lng: 2.3522 }, { lat: 51.5074, lng: -0.1278 }) / 1000).toBeCloseTo(343.5, 0);
    // Springfield IL → Chicago Loop: about 288 km.
    expect(greatCircleMeters(HOME, { lat: 41.8781, lng: -87.6298 }) / 1000).toBeCloseTo(288.5, 0);
    expect(greatCircleMeters(HOME, HOME)).toBe(0);
  });
});

describe('the model on known routes', () => {
  it('a 1 km hop across town takes about 5 minutes (1.4 km of streets at 20 km/h, plus parking)', () => {
    const estimate = estimateTravel({ from: southOf(HOME, 1000), destination: HOME, now: NOW });
    expect(estimate.roadMeters).toBeCloseTo(1000 * CIRCUITY, -1);
    expect(estimate.seconds / 60).toBeGreaterThan(4);
    expect(estimate.seconds / 60).toBeLessThan(6);
  });

  it('a 5 km crosstown trip takes about a quarter of an hour', () => {
    const minutes = estimateTravel({ from: southOf(HOME, 5000), destination: HOME, now: NOW }).seconds / 60;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThan(19);
  });

  it('a 40 km run out of town takes about an hour, faster per km than short legs', () => {
    const long = estimateTravel({ from: southOf(HOME, 40_000), destination: HOME, now: NOW }).seconds;
    const short = estimateTravel({ from: southOf(HOME, 5000), destination: HOME, now: NOW }).seconds;
    expect(long / 60).toBeGreaterThan(50);
    expect(long / 60).toBeLessThan(70);
    expect(long / 40).toBeLessThan(short / 5);
  });

  it('the profile grows continuously: a longer trip never takes less time', () => {
    let previous = -1;
    for (let meters = 0; meters <= 60_000; meters += 250) {
      const seconds = profileSeconds(meters);
      expect(seconds).toBeGreaterThan(previous);
      previous = seconds;
    }
    expect(profileSeconds(1000)).toBeCloseTo(180, 5); // 1 km at 20 km/h
    expect(profileSeconds(10_000)).toBeCloseTo(360 + 675 + 2000 / (55 / 3.6), 5);
  });

  it('uses a routing service’s answer instead of the model when it has one', () => {
    const estimate = estimateTravel({ from: southOf(HOME, 5000), destination: HOME, now: NOW, base: { seconds: 600, meters: 6200 } });
    expect(estimate.seconds).toBe(600 + ARRIVAL_OVERHEAD_SECONDS);
    expect(estimate.roadMeters).toBe(6200);
  });
});

describe('correction by the progress observed', () => {
  /** Points every 30 s over `spanSeconds`, closing the distance at `kmh` as the crow flies, ending `endMeters` from the address. */
  const trip = (kmh: number, spanSeconds: number, endMeters: number): TimedPoint[] => {
    const points: TimedPoint[] = [];
    for (let s = 0; s <= spanSeconds; s += 30) {
      const meters = endMeters + ((spanSeconds - s) * kmh) / 3.6;
      points.push({ ...southOf(HOME, meters), at: NOW - (spanSeconds - s) * SECOND });
    }
    return points;
  };

  it('ignores less than a minute of evidence', () => {
    const model = estimateTravel({ from: southOf(HOME, 5000), destination: HOME, now: NOW });
    const early = estimateTravel({ from: southOf(HOME, 5000), destination: HOME, now: NOW, recent: trip(5, 30, 5000) });
    expect(early.seconds).toBe(model.seconds);
    expect(early.observedWeight).toBe(0);
  });

  it('a crawl in traffic lengthens the estimate, more as evidence grows', () => {
    const model = estimateTravel({ from: southOf(HOME, 5000), destination: HOME, now: NOW }).seconds;
    const twoMinutes = estimateTravel({ from: southOf(HOME, 5000), destination: HOME, now: NOW, recent: trip(8, 120, 5000) });
    const tenMinutes = estimateTravel({ from: southOf(HOME, 5000), destination: HOME, now: NOW, recent: trip(8, 600, 5000) });
    expect(twoMinutes.seconds).toBeGreaterThan(model);
    expect(tenMinutes.seconds).toBeGreaterThan(twoMinutes.seconds);
    expect(tenMinutes.observedWeight).toBeCloseTo(0.75, 5);
    // Bounded: at most three times the model's driving time.
    expect(tenMinutes.seconds).toBeLessThanOrEqual((model - ARRIVAL_OVERHEAD_SECONDS) * 3 + ARRIVAL_OVERHEAD_SECONDS + 1);
  });

  it('a clear road shortens it', () => {
    const model = estimateTravel({ from: southOf(HOME, 5000), destination: HOME, now: NOW }).seconds;
    const fast = estimateTravel({ from: southOf(HOME, 5000), destination: HOME, now: NOW, recent: trip(45, 600, 5000) });
    expect(fast.seconds).toBeLessThan(model);
  });

  it('standing still or driving away counts as slow, never as a negative time', () => {
    const away = estimateTravel({ from: southOf(HOME, 5000), destination: HOME, now: NOW, recent: trip(-20, 300, 5000) });
    expect(away.seconds).toBeGreaterThan(estimateTravel({ from: southOf(HOME, 5000), destination: HOME, now: NOW }).seconds);
    expect(Number.isFinite(away.seconds)).toBe(true);
  });
});

describe('smoothing', () => {
  const after = (shownAt: number, estimateAt = shownAt, updatedAt = NOW - 5 * SECOND) => ({ shownAt, estimateAt, updatedAt });

  it('takes the first estimate as it is, and never shows an arrival in the past', () => {
    expect(smoothArrival(null, NOW + 10 * MINUTE, NOW).shownAt).toBe(NOW + 10 * MINUTE);
    expect(smoothArrival(null, NOW - MINUTE, NOW).shownAt).toBe(NOW);
  });

  it('ignores wobbles inside the dead band', () => {
    const previous = after(NOW + 10 * MINUTE);
    expect(smoothArrival(previous, NOW + 12 * MINUTE, NOW).shownAt).toBe(previous.shownAt);
    expect(smoothArrival(previous, NOW + 8 * MINUTE, NOW).shownAt).toBe(previous.shownAt);
  });

  it('follows a real change within a few updates, never further per update than physically sensible', () => {
    let state = after(NOW + 10 * MINUTE, NOW + 10 * MINUTE, NOW);
    let now = NOW;
    const shown: number[] = [];
    for (let i = 0; i < 20; i++) {
      now += 5 * SECOND;
      const next = smoothArrival(state, NOW + 16 * MINUTE, now);
      expect(next.shownAt - state.shownAt).toBeLessThanOrEqual(65 * SECOND);
      expect(next.shownAt).toBeGreaterThanOrEqual(state.shownAt);
      state = { ...next, updatedAt: now };
      shown.push(next.shownAt);
    }
    expect(shown.at(-1)! - (NOW + 16 * MINUTE)).toBeGreaterThan(-MINUTE);
    // A wild estimate five seconds later cannot move it by half an hour.
    expect(smoothArrival(after(NOW + 10 * MINUTE), NOW + 60 * MINUTE, NOW).estimateAt - (NOW + 10 * MINUTE)).toBeLessThanOrEqual(65 * SECOND);
  });

  it('does not jump back and forth when raw estimates swing around a steady trip', () => {
    // The true arrival is 14:20; raw estimates swing ±2 minutes every 5 seconds.
    let state: (ReturnType<typeof smoothArrival> & { updatedAt: number }) | null = null;
    const shown: number[] = [];
    for (let i = 0; i < 120; i++) {
      const now = NOW + i * 5 * SECOND;
      const next = smoothArrival(state, NOW + 20 * MINUTE + (i % 2 === 0 ? 2 : -2) * MINUTE, now);
      state = { ...next, updatedAt: now };
      if (next.shownAt !== shown.at(-1)) shown.push(next.shownAt);
    }
    // The first estimate (+2 min), then a couple of settling moves, all the same way: never back and forth.
    expect(shown.length).toBeLessThanOrEqual(3);
    expect([...shown].sort((a, b) => b - a)).toEqual(shown);
    expect(Math.abs(state!.shownAt - (NOW + 20 * MINUTE))).toBeLessThanOrEqual(2 * MINUTE);
  });

  it('starts again from the estimate after a long silence', () => {
    expect(smoothArrival(after(NOW + 10 * MINUTE, NOW + 10 * MINUTE, NOW - 20 * MINUTE), NOW + 30 * MINUTE, NOW).shownAt).toBe(NOW + 30 * MINUTE);
  });

  it('shows whole minutes', () => {
    expect(etaOf(NOW + 7 * MINUTE + 20 * SECOND, NOW)).toEqual({ arrivalAt: new Date(NOW + 7 * MINUTE + 20 * SECOND).toISOString(), minutes: 7 });
    expect(etaOf(NOW - MINUTE, NOW).minutes).toBe(0);
  });
});

describe('an OSRM-compatible routing service', () => {
  let server: http.Server;
  let url: string;
  const requests: string[] = [];
  let mode: 'ok' | 'slow' | 'error' | 'no-route' = 'ok';
  beforeAll(async () => {
    server = http.createServer((request, response) => {
      requests.push(request.url ?? '');
      if (mode === 'slow') return void setTimeout(() => response.end('{}'), 500);
      if (mode === 'error') return void response.writeHead(500).end('oops');
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(mode === 'no-route' ? { code: 'NoRoute', routes: [] } : { code: 'Ok', routes: [{ duration: 754.3, distance: 6210.5 }] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('asks for the driving route longitude first and reads duration and distance', async () => {
    mode = 'ok';
    const leg = await createOsrmClient(url).route({ lat: 39.75, lng: -89.65 }, HOME);
    expect(leg).toEqual({ seconds: 754.3, meters: 6210.5 });
    expect(requests.at(-1)).toBe('/route/v1/driving/-89.650000,39.750000;-89.650100,39.781700?overview=false');
  });

  it('answers null (the model takes over) when the service is slow, failing or finds no route', async () => {
    const client = createOsrmClient(url, { timeoutMs: 100 });
    for (const failure of ['slow', 'error', 'no-route'] as const) {
      mode = failure;
      expect(await client.route({ lat: 39.75, lng: -89.65 }, HOME)).toBeNull();
    }
  });
});
