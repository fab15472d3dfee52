import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config.js';
import { call } from '../helpers/http.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/** The img-src directive of a page's Content-Security-Policy. */
const imgSrc = (csp: unknown) => String(csp).split(';').map((d) => d.trim()).find((d) => d.startsWith('img-src')) ?? '';

describe('GET /api/map-config', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('answers anyone with OpenStreetMap by default, and pages may show https tiles', async () => {
    t = await createTestApp();
    const answer = await call(t.app, 'GET', '/api/map-config');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', attribution: '© OpenStreetMap contributors' });
    const page = await call(t.app, 'GET', '/portal');
    expect(imgSrc(page.headers['content-security-policy'])).toBe("img-src 'self' https: data: blob:");
  });

  it('answers the configured tile server, and the pages allow a plain-http one by its origin', async () => {
    t = await createTestApp({ env: { MAP_TILE_URL: 'http://tiles.internal:8080/osm/{z}/{x}/{y}.png', MAP_ATTRIBUTION: '© Our own tiles' } });
    const answer = await call(t.app, 'GET', '/api/map-config');
    expect(answer.body).toEqual({ tileUrl: 'http://tiles.internal:8080/osm/{z}/{x}/{y}.png', attribution: '© Our own tiles' });
    for (const url of ['/portal/jobs/0194b7d0-0000-7000-8000-000000000000', '/console/map']) {
      const page = await call(t.app, 'GET', url);
      expect(imgSrc(page.headers['content-security-policy'])).toBe("img-src 'self' https: data: blob: http://tiles.internal:8080");
    }
  });

  it('allows every subdomain of an http tile server that rotates them ({s})', async () => {
    t = await createTestApp({ env: { MAP_TILE_URL: 'http://{s}.tiles.example.org/{z}/{x}/{y}.png' } });
    const page = await call(t.app, 'GET', '/console');
    expect(imgSrc(page.headers['content-security-policy'])).toBe("img-src 'self' https: data: blob: http://*.tiles.example.org");
  });

  it('refuses to start with a tile address that is not http(s) or lacks {z}/{x}/{y}', () => {
    const problems = (value: string) => {
      try {
        loadConfig({ NODE_ENV: 'test', MAP_TILE_URL: value });
      } catch (error) {
        if (error instanceof ConfigError) return error.problems.join('\n');
      }
      return '';
    };
    expect(problems('ftp://tiles.example.org/{z}/{x}/{y}.png')).toContain('MAP_TILE_URL must start with http:// or https://');
    expect(problems('https://tiles.example.org/tile.png')).toContain('MAP_TILE_URL must contain {z}, {x} and {y}');
    expect(problems('not a url')).toContain('MAP_TILE_URL is not a valid URL');
  });
});
