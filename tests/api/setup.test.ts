import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { call } from '../helpers/http.js';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const tokenOf = (link: string) => link.split('#token=')[1]!;

const validBody = (token: string) => ({
  token,
  company: { name: 'Acme Heating & Cooling', slug: 'acme-heating', timezone: 'America/Chicago' },
  admin: { name: 'Ada Admin', email: 'Ada@Acme.example', password: 'a long first-run passphrase' },
});

/**
 * First run: an installation with no company prints a one-time link; the link creates the first
 * company and its admin. Runs on an installation of its own (on PostgreSQL a database of its own),
 * because "empty" is what it tests.
 */
describe('first-run set-up', () => {
  let t: TestApp;
  let link: string;
  let ipCounter = 0;
  /** Each batch of attempts from its own address, so the set-up rate limit does not get in the way. */
  const post = (body: unknown, remoteAddress = `198.51.100.${++ipCounter}`) =>
    t.app.inject({ method: 'POST', url: '/api/setup', remoteAddress, payload: body as object }).then((r) => ({ status: r.statusCode, body: r.json(), cookies: r.cookies }));

  beforeAll(async () => {
    t = await createTestApp({ isolatedDatabase: true });
  });
  afterAll(() => t.close());

  it('an empty installation says it needs set-up and issues a one-time link whose token is stored only as a hash', async () => {
    expect((await call(t.app, 'GET', '/api/setup')).body).toEqual({ needed: true });
    const issued = await t.app.services.companies.issueSetupLinkIfEmpty();
    expect(issued).toMatch(/^http:\/\/arrivo\.test\/setup#token=[A-Za-z0-9_-]{43,}$/);
    link = issued!;
    const rows = await t.db.selectFrom('setup_tokens').selectAll().execute();
    expect(rows.map((r) => r.token_hash)).toContain(sha256(tokenOf(link)));
    expect(JSON.stringify(rows)).not.toContain(tokenOf(link));

    // The page the link opens carries nothing of the token.
    const page = await call(t.app, 'GET', '/setup');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });

  it('bad bodies name each offending field and use nothing up', async () => {
    const token = tokenOf(link);
    const fieldsOf = (answer: { body: any }) => (answer.body.error.details.fields as { field: string }[]).map((f) => f.field);

    const spacedSlug = await post({ ...validBody(token), company: { ...validBody(token).company, slug: 'acme heating' } });
    expect(spacedSlug.status).toBe(400);
    expect(spacedSlug.body.error.code).toBe('VALIDATION_FAILED');
    expect(fieldsOf(spacedSlug)).toEqual(['company.slug']);

    const shortPassword = await post({ ...validBody(token), admin: { ...validBody(token).admin, password: 'short' } });
    expect(shortPassword.status).toBe(400);
    expect(fieldsOf(shortPassword)).toEqual(['admin.password']);

    const several = await post({ token, company: { name: 'Acme', slug: 'Acme!' }, admin: { name: 'Ada', email: 'not-an-email', password: 'short', isRoot: true } });
    expect(several.status).toBe(400);
    expect(fieldsOf(several)).toEqual(expect.arrayContaining(['company.slug', 'company.timezone', 'admin.email', 'admin.password', 'admin.isRoot']));

    // A time zone that has the right shape but does not exist is caught by the service.
    const unknownZone = await post({ ...validBody(token), company: { ...validBody(token).company, timezone: 'Mars/Olympus_Mons' } });
    expect(unknownZone.status).toBe(400);
    expect(fieldsOf(unknownZone)).toEqual(['company.timezone']);

    // None of these used the link or wrote anything.
    expect((await t.db.selectFrom('setup_tokens').select('used_at').where('token_hash', '=', sha256(token)).executeTakeFirstOrThrow()).used_at).toBeNull();
    expect(await t.db.selectFrom('companies').select('id').execute()).toEqual([]);
    expect(await t.db.selectFrom('users').select('id').execute()).toEqual([]);
  });

  it('a token that was never issued is refused', async () => {
    const answer = await post(validBody('not-a-set-up-token-at-all'));
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('SETUP_LINK_INVALID');
    expect(await t.db.selectFrom('companies').select('id').execute()).toEqual([]);
  });

  it('the link creates the company with its admin, built-in job sources and a default category, and signs the admin in', async () => {
    // A second start before set-up printed a second link; only one of them may ever be used.
    const secondLink = await t.app.services.companies.issueSetupLinkIfEmpty();
    expect(secondLink).toBeDefined();
    expect(secondLink).not.toBe(link);

    const created = await post(validBody(tokenOf(link)));
    expect(created.status).toBe(201);
    expect(created.body.company).toMatchObject({ name: 'Acme Heating & Cooling', slug: 'acme-heating', timezone: 'America/Chicago', referencePrefix: 'ARV' });
    const session = created.cookies.find((c) => c.name === 'arrivo_session');
    expect(session).toMatchObject({ path: '/', httpOnly: true, secure: true, sameSite: 'Lax' });
    const cookie = `arrivo_session=${session!.value}`;

    const me = await call(t.app, 'GET', '/api/auth/me', { cookie });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ name: 'Ada Admin', email: 'ada@acme.example', role: 'admin', companyId: created.body.company.id });

    const sources = await call(t.app, 'GET', '/api/job-sources', { cookie });
    expect(sources.status).toBe(200);
    expect(sources.body.items.map((s: { kind: string }) => s.kind).sort()).toEqual(['company', 'portal']);
    const categories = await call(t.app, 'GET', '/api/service-categories', { cookie });
    expect(categories.status).toBe(200);
    expect(categories.body.items).toHaveLength(1);
    expect(categories.body.items[0]).toMatchObject({ name: 'General service' });

    // The admin's password is kept only as a hash, and works for a normal sign-in.
    const admin = await t.db.selectFrom('users').select(['password_hash']).where('email', '=', 'ada@acme.example').executeTakeFirstOrThrow();
    expect(admin.password_hash).toMatch(/^scrypt\$/);
    expect(admin.password_hash).not.toContain('a long first-run passphrase');
    expect((await call(t.app, 'POST', '/api/auth/sign-in', { body: { email: 'ada@acme.example', password: 'a long first-run passphrase' } })).status).toBe(200);

    // The same link again is refused…
    const again = await post(validBody(tokenOf(link)));
    expect(again.status).toBe(403);
    expect(again.body.error.code).toBe('SETUP_LINK_INVALID');
    // …and so is the other link printed before set-up: it cannot make a second company and admin.
    const other = await post({ ...validBody(tokenOf(secondLink!)), company: { name: 'Mallory Ltd', slug: 'mallory', timezone: 'UTC' }, admin: { name: 'Mallory', email: 'mallory@evil.example', password: 'mallory takes over now' } });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('SETUP_LINK_INVALID');
    expect((await t.db.selectFrom('companies').select('slug').execute()).map((c) => c.slug)).toEqual(['acme-heating']);
  });

  it('once a company exists, set-up is no longer needed and no new link is issued', async () => {
    expect((await call(t.app, 'GET', '/api/setup')).body).toEqual({ needed: false });
    expect(await t.app.services.companies.issueSetupLinkIfEmpty()).toBeUndefined();
  });
});
