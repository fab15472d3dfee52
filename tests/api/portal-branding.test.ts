import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createWorld } from '../helpers/world.js';
import { call } from '../helpers/http.js';

/**
 * GET /api/branding: the portal's sign-in page, opened without ?company=slug, finds its company
 * when the installation serves exactly one. "Exactly one" needs an installation of its own (on
 * PostgreSQL a database of its own), so the count is what this test sets.
 */
describe('the installation’s sole company branding', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ isolatedDatabase: true });
  });
  afterAll(() => t.close());

  it('answers 404 while the installation has no company', async () => {
    const answer = await call(t.app, 'GET', '/api/branding');
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe('COMPANY_NOT_FOUND');
  });

  it('answers the one company’s public branding to anyone, and nothing private', async () => {
    const world = await createWorld(t, 'solo');
    await call(t.app, 'PATCH', '/api/company', { cookie: world.admin.cookie, body: { brandColor: '#bf5700', logoUrl: 'https://cdn.example/logo.png', locale: 'es-MX' } });
    const answer = await call(t.app, 'GET', '/api/branding');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      slug: world.slug,
      name: expect.stringContaining('solo Heating'),
      logoUrl: 'https://cdn.example/logo.png',
      brandColor: '#bf5700',
      phone: '+1 555 0100',
      locale: 'es-MX',
      timezone: 'America/Chicago',
    });
    // The same as the slug's branding, which now names the time zone too.
    expect((await call(t.app, 'GET', `/api/companies/${world.slug}/branding`)).body).toEqual(answer.body);
  });

  it('answers 404 once a second company shares the installation, naming neither', async () => {
    const first = await createWorld(t, 'second');
    const answer = await call(t.app, 'GET', '/api/branding');
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe('COMPANY_NOT_FOUND');
    expect(JSON.stringify(answer.body)).not.toContain(first.slug);
    // Each company's own branding still answers by slug.
    expect((await call(t.app, 'GET', `/api/companies/${first.slug}/branding`)).status).toBe(200);
  });
});
