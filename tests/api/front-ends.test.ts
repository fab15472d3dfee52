import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../helpers/http.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

/** A stand-in for `vite build`'s output: each front end's page names itself. */
function fakeBuild(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arrivo-web-'));
  for (const frontEnd of ['portal', 'console', 'technician']) fs.writeFileSync(path.join(dir, `${frontEnd}.html`), `<!doctype html><title>${frontEnd}</title>`);
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'assets', 'portal-AbC123.js'), 'console.log("portal")');
  fs.writeFileSync(path.join(dir, 'assets', 'portal-AbC123.js.br'), brotliCompressSync('console.log("portal")'));
  fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dir;
}

describe('the built front ends', () => {
  let t: TestApp;
  let webDir: string;
  beforeAll(async () => {
    webDir = fakeBuild();
    t = await createTestApp({ env: { WEB_DIR: webDir } });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  it.each([
    ['/', 'console'],
    ['/sign-in', 'console'],
    ['/setup', 'console'],
    ['/console', 'console'],
    ['/console/jobs/0194b7d0-0000-7000-8000-000000000000', 'console'],
    ['/dev/mailbox', 'console'],
    ['/portal', 'portal'],
    ['/portal/jobs/0194b7d0-0000-7000-8000-000000000000', 'portal'],
    ['/portal/requests/new', 'portal'],
    ['/j/some-token', 'portal'],
    ['/unsubscribe', 'portal'],
    ['/tech', 'technician'],
    ['/tech/visits/0194b7d0-0000-7000-8000-000000000000', 'technician'],
  ])('%s answers with the %s page, never cached, under a strict content policy', async (url, frontEnd) => {
    const page = await call(t.app, 'GET', url);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`<title>${frontEnd}</title>`);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('serves hashed assets with a year-long immutable cache', async () => {
    const asset = await call(t.app, 'GET', '/assets/portal-AbC123.js');
    expect(asset.status).toBe(200);
    expect(asset.body).toContain('portal');
    expect(asset.headers['cache-control']).toContain('immutable');
    expect(asset.headers['cache-control']).toContain('max-age=31536000');
    expect((await call(t.app, 'GET', '/assets/missing.js')).status).toBe(404);
    expect((await call(t.app, 'GET', '/assets/../portal.html')).status).toBe(404);
  });

  it("sends the build's precompressed copy to browsers that accept it", async () => {
    const response = await t.app.inject({ method: 'GET', url: '/assets/portal-AbC123.js', headers: { 'accept-encoding': 'br, gzip' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(response.rawPayload).toString()).toBe('console.log("portal")');
  });

  it('leaves API addresses to the API: an unknown one is a JSON 404, not a page', async () => {
    const missing = await call(t.app, 'GET', '/api/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('ROUTE_NOT_FOUND');
  });
});

describe('before the front ends are built', () => {
  let t: TestApp;
  let emptyDir: string;
  beforeAll(async () => {
    emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'arrivo-web-empty-'));
    t = await createTestApp({ env: { WEB_DIR: emptyDir } });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(emptyDir, { recursive: true, force: true });
  });

  it('pages say how to build them instead of failing', async () => {
    const page = await call(t.app, 'GET', '/portal/jobs');
    expect(page.status).toBe(200);
    expect(page.body).toContain('npm run build');
  });
});
