import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { Link, useRoute } from 'wouter';

/**
 * Routing is wouter (2 kB): the portal's job page must stay small (see `npm run bench -- web`),
 * and these front ends need paths, params and links, not a data router.
 * Links between the three front ends (portal, console, technician view) are plain <a href>:
 * each is its own page, so moving between them is a full load.
 */

/** A page whose code loads when first shown; `pick` names the export. */
export function lazyPage<M>(load: () => Promise<M>, pick: (module: M) => ComponentType): ComponentType {
  const Page = lazy(async () => ({ default: pick(await load()) }));
  return function LazyPage() {
    return (
      <Suspense fallback={<div className="page-loading" aria-busy="true" />}>
        <Page />
      </Suspense>
    );
  };
}

/** A navigation link that tells assistive technology which page is current. */
export function NavLink({ href, exact, children, className }: { href: string; exact?: boolean; children: ReactNode; className?: string }) {
  const [matches] = useRoute(exact ? href : `${href}/*?`);
  return (
    <Link href={href} className={className} aria-current={matches ? 'page' : undefined}>
      {children}
    </Link>
  );
}
