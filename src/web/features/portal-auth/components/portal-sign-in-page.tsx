/** Placeholder until the feature is built. */
export function PortalSignInPage() {
  return <h1>PortalSignInPage</h1>;
}
