/**
 * Which front end answers which page address. The server (built files) and Vite's dev server
 * both read this, so a link works the same in `npm start` and `npm run dev`.
 */
export type FrontEnd = 'portal' | 'console' | 'technician';

const ROUTES: ReadonlyArray<readonly [prefix: string, frontEnd: FrontEnd]> = [
  ['/portal', 'portal'],
  ['/j/', 'portal'],
  ['/unsubscribe', 'portal'],
  ['/tech', 'technician'],
  ['/console', 'console'],
  ['/sign-in', 'console'],
  ['/setup', 'console'],
  ['/dev/', 'console'],
];

/** The page prefixes each front end serves, for registering server routes. */
export const FRONT_END_PREFIXES = ROUTES;

/** The front end for a page path, or undefined when the path is not a page (API, assets…). */
export function frontEndFor(path: string): FrontEnd | undefined {
  if (path === '/') return 'console';
  for (const [prefix, frontEnd] of ROUTES) {
    if (path === prefix || path.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`)) return frontEnd;
  }
  return undefined;
}
