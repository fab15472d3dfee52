import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { FRONT_END_PREFIXES, type FrontEnd } from '../../shared/front-ends.js';

/**
 * Serves the three built front ends (portal, console, technician view) from `config.webDir`:
 * hashed assets with a year-long cache, and each page address with its front end's HTML, which
 * itself is never cached so a new release reaches everyone on the next load.
 * The pages hold no data: each one calls the API from the browser.
 */

/**
 * Images may come from any https address (logos, map tiles); a map tile server on plain http
 * (MAP_TILE_URL, on a private network say) is allowed by its own origin, `{s}` subdomains as `*`.
 */
export function securityHeaders(mapTileUrl: string) {
  const tiles = new URL(mapTileUrl);
  const tileSource = tiles.protocol === 'http:' ? ` ${tiles.protocol}//${tiles.host.replace('{s}', '*')}` : '';
  return {
    'Content-Security-Policy': `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' https: data: blob:${tileSource}; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
}

/** Shown when the front ends were not built (`npm test` straight after a clone, say). */
const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Arrivo</title></head>
<body><main><h1>Arrivo</h1><p>The web front ends are not built yet. Run <code>npm run build</code> (or <code>npm start</code>), then reload.</p></main></body></html>`;

/** The request as the log shows it, with a job link's token masked: the database keeps only a hash, logs must not keep more. */
const jobLinkRequestForLog = (request: FastifyRequest) => ({
  method: request.method,
  url: request.url.replace(/^\/j\/[^/?#]+/, '/j/[token]'),
  host: request.host,
  remoteAddress: request.ip,
});

export const frontEndsRoutes: FastifyPluginAsync = async (app) => {
  const webDir = app.config.webDir;
  const built = existsSync(path.join(webDir, 'portal.html'));
  if (!built) app.log.warn({ webDir }, 'front ends not built: pages answer with a "run npm run build" notice');

  // Read once: the files only change with a new build, which means a restart.
  const pages = new Map<FrontEnd, string>();
  for (const frontEnd of ['portal', 'console', 'technician'] as const) {
    const file = path.join(webDir, `${frontEnd}.html`);
    pages.set(frontEnd, built && existsSync(file) ? readFileSync(file, 'utf8') : NOT_BUILT);
  }
  const headers = securityHeaders(app.config.mapTileUrl);
  const sendPage = (frontEnd: FrontEnd) => async (_request: FastifyRequest, reply: FastifyReply) => reply.headers(headers).type('text/html; charset=utf-8').send(pages.get(frontEnd));

  if (built) {
    await app.register(fastifyStatic, {
      root: path.join(webDir, 'assets'),
      prefix: '/assets/',
      // File names carry a content hash, so a file never changes under its name.
      immutable: true,
      maxAge: '365d',
      index: false,
      // The build writes .br and .gz beside each file (vite.config.ts): sent as-is to browsers that accept them.
      preCompressed: true,
    });
    app.get('/favicon.svg', (_request, reply) => reply.header('Cache-Control', 'public, max-age=86400').sendFile('favicon.svg', webDir));
  }

  for (const [prefix, frontEnd] of FRONT_END_PREFIXES) {
    if (prefix === '/j/') {
      // A job link's token is in the path; the page moves it into a cookie scoped to the job.
      app.get('/j/:token', { logSerializers: { req: jobLinkRequestForLog } }, sendPage(frontEnd));
      continue;
    }
    const base = prefix.replace(/\/$/, '');
    app.get(base, sendPage(frontEnd));
    app.get(`${base}/*`, sendPage(frontEnd));
  }
  app.get('/', sendPage('console'));
};
