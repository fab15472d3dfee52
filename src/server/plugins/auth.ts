import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, forbidden, unauthorized } from '../lib/errors.js';
import { ACCESS_TABLE, isAccessControlled, routeKey } from '../modules/access-table.js';
import type { AccountsService } from '../modules/accounts/accounts.service.js';
import type { Principal, Role } from '../modules/accounts/principal.js';
import type { Config } from '../config.js';

export const SESSION_COOKIE = 'arrivo_session';
export const JOB_LINK_COOKIE = 'arrivo_job';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves who is calling from the session cookie, the job-link cookie or an API key, and checks the
 * route's entry in the access table. Several credentials may come at once (a customer with a job
 * link open); the first one the route accepts wins.
 */
export const authPlugin = fp(async (app: FastifyInstance, options: { accounts: AccountsService; config: Config }) => {
  const { accounts, config } = options;
  const publicOrigin = new URL(config.publicUrl).origin;

  app.decorateRequest<Principal | null>('principal', null);

  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD' || !isAccessControlled(route.url)) continue;
      if (!ACCESS_TABLE[routeKey(method, route.url)]) throw new Error(`Route ${method} ${route.url} has no entry in access-table.ts`);
    }
  });

  app.addHook('onRequest', async (request) => {
    const url = request.routeOptions.url;
    request.principal = { role: 'anonymous' };
    if (!url || !isAccessControlled(url)) return;
    const allowed = ACCESS_TABLE[routeKey(request.method === 'HEAD' ? 'GET' : request.method, url)];
    if (!allowed) throw forbidden('This route has no access rule.');

    const candidates = await resolveCandidates(request);
    const chosen = candidates.find((c) => allowed.includes(c.principal.role));
    // Browsers' state changes must come from Arrivo's own pages: with a cookie (CSRF), and also
    // without one, so another site cannot sign a visitor into an account of its choosing.
    // Integrations authenticate with an API key and are servers, not browsers.
    if (UNSAFE_METHODS.has(request.method) && chosen?.principal.role !== 'integration') assertSameOrigin(request);
    if (chosen) {
      request.principal = chosen.principal;
      return;
    }
    if (allowed.includes('anonymous')) return;
    if (candidates.length === 0) throw unauthorized();
    throw forbidden();
  });

  async function resolveCandidates(request: FastifyRequest): Promise<{ principal: Principal }[]> {
    const found: { principal: Principal }[] = [];
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      const integration = await accounts.resolveApiKey(authorization.slice('Bearer '.length).trim());
      if (!integration) throw new AppError(401, 'INVALID_API_KEY', 'The API key is not valid or was revoked.');
      found.push({ principal: integration });
    }
    const sessionToken = request.cookies[SESSION_COOKIE];
    if (sessionToken) {
      const principal = await accounts.resolveSession(sessionToken);
      if (principal) found.push({ principal });
    }
    const jobToken = request.cookies[JOB_LINK_COOKIE];
    if (jobToken) {
      const principal = await accounts.resolveJobLink(jobToken);
      if (principal) found.push({ principal });
    }
    return found;
  }

  /**
   * Cookies are SameSite=Lax, which already keeps them off cross-site POSTs; this also refuses a
   * state change whose Origin is another site, for browsers that send cookies anyway and for
   * sign-in forms, which carry no cookie yet.
   */
  function assertSameOrigin(request: FastifyRequest) {
    const origin = request.headers.origin;
    if (origin) {
      const ownOrigin = `${request.protocol}://${request.headers.host}`;
      if (origin !== publicOrigin && origin !== ownOrigin) throw new AppError(403, 'CROSS_SITE_REQUEST', 'Cross-site requests are not accepted.');
      return;
    }
    if (request.headers['sec-fetch-site'] === 'cross-site') throw new AppError(403, 'CROSS_SITE_REQUEST', 'Cross-site requests are not accepted.');
  }
});

export function sessionCookieOptions(config: Config, expiresAt: string) {
  return { path: '/', httpOnly: true, secure: config.cookieSecure, sameSite: 'lax' as const, expires: new Date(expiresAt) };
}

/** The job-link cookie goes only to that job's API routes. */
export function jobLinkCookieOptions(config: Config, jobId: string) {
  return { path: `/api/portal/jobs/${jobId}`, httpOnly: true, secure: config.cookieSecure, sameSite: 'lax' as const, maxAge: 60 * 60 * 24 * 90 };
}

export type { Role };
