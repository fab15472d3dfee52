import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HOUR } from '../../src/server/lib/clock.js';
import { createTestApp, TEST_NOW, type TestApp } from '../helpers/test-app.js';
import { createWorld, type World } from '../helpers/world.js';
import { call } from '../helpers/http.js';

const TTL_HOURS = 8;
const PASSWORD = 'a long and secret passphrase';

describe('staff sign-in, sessions and sign-out', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp({ env: { SESSION_TTL_HOURS: String(TTL_HOURS) } });
    w = await createWorld(t);
  });
  afterAll(() => t.close());
  beforeEach(() => t.clock.set(TEST_NOW));

  /** A new dispatcher added by the admin through the API, with a known email and password. */
  async function newStaffUser(name = 'Pat Dispatcher') {
    const email = `pat-${randomUUID().slice(0, 8)}@acme.test`;
    const created = await call(t.app, 'POST', '/api/users', { cookie: w.admin.cookie, body: { email, name, role: 'dispatcher', password: PASSWORD } });
    expect(created.status).toBe(201);
    return { id: created.body.id as string, email };
  }

  async function signIn(email: string, password: string, headers: Record<string, string> = {}) {
    const answer = await call(t.app, 'POST', '/api/auth/sign-in', { body: { email, password }, headers });
    const session = answer.cookies.find((c) => c.name === 'arrivo_session');
    return { ...answer, session, cookie: session ? `arrivo_session=${session.value}` : undefined };
  }

  it('the right password sets an HttpOnly, Secure, SameSite=Lax session cookie for the whole site, expiring with the session', async () => {
    const user = await newStaffUser();
    const answer = await signIn(user.email.toUpperCase(), PASSWORD);
    expect(answer.status).toBe(200);
    expect(answer.body.user).toMatchObject({ id: user.id, email: user.email, role: 'dispatcher', active: true });
    const expiresAt = new Date(Date.parse(TEST_NOW) + TTL_HOURS * HOUR);
    expect(answer.body.expiresAt).toBe(expiresAt.toISOString());

    expect(answer.session).toMatchObject({ path: '/', httpOnly: true, secure: true, sameSite: 'Lax' });
    expect(answer.session!.value.length).toBeGreaterThanOrEqual(43);
    expect(answer.session!.expires?.getTime()).toBe(expiresAt.getTime());
    // The raw header, as a browser reads it.
    const raw = String(answer.headers['set-cookie']);
    expect(raw).toMatch(/^arrivo_session=[^;]+;/);
    for (const attribute of ['HttpOnly', 'Secure', 'SameSite=Lax', 'Path=/', `Expires=${expiresAt.toUTCString()}`]) expect(raw).toContain(attribute);

    const me = await call(t.app, 'GET', '/api/auth/me', { cookie: answer.cookie });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ id: user.id, name: 'Pat Dispatcher', email: user.email, role: 'dispatcher', companyId: w.companyId });
  });

  it('a wrong password and an unknown email get the same 401, and no cookie', async () => {
    const user = await newStaffUser();
    const wrongPassword = await signIn(user.email, 'not the right passphrase');
    const unknownEmail = await signIn(`nobody-${randomUUID().slice(0, 8)}@acme.test`, PASSWORD);
    for (const answer of [wrongPassword, unknownEmail]) {
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe('INVALID_CREDENTIALS');
      expect(answer.session).toBeUndefined();
    }
    expect(wrongPassword.body).toEqual(unknownEmail.body);
  });

  it('stores the password only as a salted scrypt hash', async () => {
    const first = await newStaffUser();
    const second = await newStaffUser();
    const rows = await t.db.selectFrom('users').select(['id', 'password_hash']).where('id', 'in', [first.id, second.id]).execute();
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.password_hash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]{16,}\$[A-Za-z0-9_-]{40,}$/);
      expect(row.password_hash).not.toContain(PASSWORD);
      expect(row.password_hash).not.toContain(Buffer.from(PASSWORD).toString('base64url'));
    }
    // Same password, different salt: the hashes differ.
    expect(rows[0]!.password_hash).not.toBe(rows[1]!.password_hash);
    // Nor does the API ever hand the hash out.
    const users = await call(t.app, 'GET', '/api/users', { cookie: w.admin.cookie });
    expect(JSON.stringify(users.body)).not.toContain('scrypt$');
  });

  it('/api/auth/me needs a staff session: 401 without one, 403 for a customer', async () => {
    expect((await call(t.app, 'GET', '/api/auth/me')).status).toBe(401);
    expect((await call(t.app, 'GET', '/api/auth/me', { cookie: 'arrivo_session=s_forged' })).status).toBe(401);
    expect((await call(t.app, 'GET', '/api/auth/me', { cookie: w.household.contact.cookie })).status).toBe(403);
  });

  it('signing out ends the session on the server, not only in the browser', async () => {
    const user = await newStaffUser();
    const { cookie } = await signIn(user.email, PASSWORD);
    const out = await call(t.app, 'POST', '/api/auth/sign-out', { cookie });
    expect(out.status).toBe(200);
    const cleared = out.cookies.find((c) => c.name === 'arrivo_session');
    expect(cleared?.value).toBe('');
    // The old cookie, replayed, no longer works.
    const me = await call(t.app, 'GET', '/api/auth/me', { cookie });
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('UNAUTHENTICATED');
    expect(await t.db.selectFrom('sessions').select('id').where('subject_id', '=', user.id).execute()).toEqual([]);
  });

  it(`sessions expire after SESSION_TTL_HOURS (${TTL_HOURS})`, async () => {
    const user = await newStaffUser();
    const { cookie } = await signIn(user.email, PASSWORD);
    t.clock.advance(TTL_HOURS * HOUR - 1000);
    expect((await call(t.app, 'GET', '/api/auth/me', { cookie })).status).toBe(200);
    t.clock.advance(1000);
    expect((await call(t.app, 'GET', '/api/auth/me', { cookie })).status).toBe(401);
    // Using a session does not stretch it past its expiry either.
    t.clock.set(TEST_NOW);
    const again = await signIn(user.email, PASSWORD);
    for (let hour = 1; hour <= TTL_HOURS - 1; hour++) {
      t.clock.set(new Date(Date.parse(TEST_NOW) + hour * HOUR));
      expect((await call(t.app, 'GET', '/api/auth/me', { cookie: again.cookie })).status).toBe(200);
    }
    t.clock.set(new Date(Date.parse(TEST_NOW) + TTL_HOURS * HOUR + 1));
    expect((await call(t.app, 'GET', '/api/auth/me', { cookie: again.cookie })).status).toBe(401);
  });

  it("deactivating a user ends their sessions at once and stops them signing in", async () => {
    const user = await newStaffUser();
    const { cookie } = await signIn(user.email, PASSWORD);
    expect((await call(t.app, 'GET', '/api/auth/me', { cookie })).status).toBe(200);

    const deactivated = await call(t.app, 'PATCH', `/api/users/${user.id}`, { cookie: w.admin.cookie, body: { active: false } });
    expect(deactivated.status).toBe(200);
    expect(deactivated.body.active).toBe(false);
    expect((await call(t.app, 'GET', '/api/auth/me', { cookie })).status).toBe(401);
    const refused = await signIn(user.email, PASSWORD);
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('INVALID_CREDENTIALS');

    // Coming back does not revive the old session; a new sign-in works.
    await call(t.app, 'PATCH', `/api/users/${user.id}`, { cookie: w.admin.cookie, body: { active: true } });
    expect((await call(t.app, 'GET', '/api/auth/me', { cookie })).status).toBe(401);
    expect((await signIn(user.email, PASSWORD)).status).toBe(200);
  });

  it('a new password ends the sessions made with the old one', async () => {
    const user = await newStaffUser();
    const { cookie } = await signIn(user.email, PASSWORD);
    const changed = await call(t.app, 'PATCH', `/api/users/${user.id}`, { cookie: w.admin.cookie, body: { password: 'an entirely new passphrase' } });
    expect(changed.status).toBe(200);
    expect((await call(t.app, 'GET', '/api/auth/me', { cookie })).status).toBe(401);
    expect((await signIn(user.email, PASSWORD)).status).toBe(401);
    expect((await signIn(user.email, 'an entirely new passphrase')).status).toBe(200);
  });

  it('refuses a cookie-authenticated POST from another site, and accepts the same one from Arrivo’s own origin', async () => {
    const email = `csrf-${randomUUID().slice(0, 8)}@acme.test`;
    const body = { email, name: 'Mallory Planted', role: 'admin', password: PASSWORD };
    const crossSite = await call(t.app, 'POST', '/api/users', { cookie: w.admin.cookie, body, headers: { origin: 'https://evil.example' } });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.error.code).toBe('CROSS_SITE_REQUEST');
    // Nothing was written.
    expect(await t.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()).toBeUndefined();

    // Without an Origin header, a browser's Sec-Fetch-Site still gives a cross-site request away.
    const fetchMetadata = await call(t.app, 'POST', '/api/users', { cookie: w.admin.cookie, body, headers: { 'sec-fetch-site': 'cross-site' } });
    expect(fetchMetadata.status).toBe(403);
    expect(fetchMetadata.body.error.code).toBe('CROSS_SITE_REQUEST');

    // A look-alike origin is another site too.
    const lookAlike = await call(t.app, 'POST', '/api/users', { cookie: w.admin.cookie, body, headers: { origin: 'http://arrivo.test.evil.example' } });
    expect(lookAlike.status).toBe(403);

    const sameOrigin = await call(t.app, 'POST', '/api/users', { cookie: w.admin.cookie, body, headers: { origin: 'http://arrivo.test', 'sec-fetch-site': 'same-origin' } });
    expect(sameOrigin.status).toBe(201);

    // Sign-out is a state change as well: a foreign page cannot sign the user out.
    const user = await newStaffUser();
    const { cookie } = await signIn(user.email, PASSWORD);
    expect((await call(t.app, 'POST', '/api/auth/sign-out', { cookie, headers: { origin: 'https://evil.example' } })).status).toBe(403);
    expect((await call(t.app, 'GET', '/api/auth/me', { cookie })).status).toBe(200);
  });

  it('refuses sign-in posted from another site, so a foreign page cannot sign a visitor into its own account', async () => {
    const user = await newStaffUser();
    const crossSite = await call(t.app, 'POST', '/api/auth/sign-in', { body: { email: user.email, password: PASSWORD }, headers: { origin: 'https://evil.example' } });
    expect(crossSite.status).toBe(403);
    expect(crossSite.cookies).toEqual([]);
    const customer = await call(t.app, 'POST', '/api/portal/sign-in', { body: { token: 'm_forged-but-irrelevant' }, headers: { origin: 'https://evil.example' } });
    expect(customer.status).toBe(403);
    const own = await call(t.app, 'POST', '/api/auth/sign-in', { body: { email: user.email, password: PASSWORD }, headers: { origin: 'http://arrivo.test' } });
    expect(own.status).toBe(200);
  });

  it('rate-limits sign-in attempts per IP address', async () => {
    const user = await newStaffUser();
    const attempt = (remoteAddress: string, password: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/sign-in', remoteAddress, payload: { email: user.email, password } });

    const attacker = '203.0.113.7';
    for (let i = 0; i < 20; i++) expect((await attempt(attacker, `guess number ${i}`)).statusCode).toBe(401);
    const limited = await attempt(attacker, `guess number 21`);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect(limited.headers['retry-after']).toBeDefined();
    // Even the right password waits now…
    expect((await attempt(attacker, PASSWORD)).statusCode).toBe(429);
    // …while people at another address are not locked out.
    expect((await attempt('198.51.100.20', PASSWORD)).statusCode).toBe(200);
  });
});
