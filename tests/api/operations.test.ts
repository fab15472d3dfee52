import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TABLE } from '../../src/server/modules/access-table.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { call } from '../helpers/http.js';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

describe('health, the OpenAPI document, the API reference and unknown routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('GET /health answers 200 with the database kind, without credentials', async () => {
    const health = await call(t.app, 'GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok', database: t.dbKind });
  });

  it('GET /health answers 503 when the database cannot be reached', async () => {
    const broken = await createTestApp();
    try {
      // (Kysely opens its connection on first use; closing one that was never opened does nothing.)
      expect((await call(broken.app, 'GET', '/health')).status).toBe(200);
      await broken.app.database.destroy();
      const health = await call(broken.app, 'GET', '/health');
      expect(health.status).toBe(503);
      expect(health.body).toEqual({ status: 'error', database: broken.dbKind });
    } finally {
      // The database is already closed; closing it again must not hide the assertion above.
      await broken.close().catch(() => undefined);
    }
  });

  it('GET /api/openapi.json is an OpenAPI 3 document with every route of the access table, each summarised with its answers', async () => {
    const answer = await call(t.app, 'GET', '/api/openapi.json');
    expect(answer.status).toBe(200);
    const document = answer.body;
    expect(document.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(document.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });

    const documented = new Set<string>();
    for (const [route, item] of Object.entries<Record<string, unknown>>(document.paths)) {
      for (const method of HTTP_METHODS) if (item[method]) documented.add(`${method.toUpperCase()} ${route}`);
    }
    const expected = Object.keys(ACCESS_TABLE)
      .filter((key) => key !== 'GET /api/openapi.json')
      .map((key) => key.replace(/:([A-Za-z0-9_]+)/g, '{$1}'));
    expect(expected.length).toBeGreaterThan(50);
    const missing = expected.filter((key) => !documented.has(key));
    expect(missing).toEqual([]);

    for (const key of expected) {
      const [method, route] = key.split(' ') as [string, string];
      const operation = document.paths[route][method.toLowerCase()];
      expect(operation.summary, `${key} has a summary`).toEqual(expect.stringMatching(/\S/));
      expect(Object.keys(operation.responses ?? {}).length, `${key} has responses`).toBeGreaterThan(0);
      // Path parameters are declared, so a client generator can fill them in.
      for (const [, name] of route.matchAll(/\{([^}]+)\}/g)) {
        expect(
          (operation.parameters ?? []).some((p: { in: string; name: string }) => p.in === 'path' && p.name === name),
          `${key} declares its path parameter ${name}`,
        ).toBe(true);
      }
    }
  });

  it('GET /api/docs serves the interactive API reference', async () => {
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
    expect(docs.body).toMatch(/swagger/i);
  });

  it('an unknown route answers 404 in the error shape', async () => {
    for (const [method, url] of [
      ['GET', '/api/no-such-thing'],
      ['POST', '/api/jobs/00000000-0000-4000-8000-000000000000/teleport'],
      ['GET', '/nowhere?token=secret'],
    ] as const) {
      const answer = await call(t.app, method, url);
      expect(answer.status, `${method} ${url}`).toBe(404);
      expect(answer.body).toEqual({ error: { code: 'ROUTE_NOT_FOUND', message: expect.any(String) } });
      // The query string (which may carry a token) is not echoed back.
      expect(answer.body.error.message).not.toContain('secret');
    }
  });
});
