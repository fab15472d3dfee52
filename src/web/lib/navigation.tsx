import { useEffect } from 'react';

/** Moves to another front end (portal, console, technician view) with a full page load. */
export function LeaveTo({ href }: { href: string }) {
  useEffect(() => window.location.replace(href), [href]);
  return null;
}
