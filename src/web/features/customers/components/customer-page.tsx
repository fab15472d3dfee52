/** Placeholder until the feature is built. */
export function CustomerPage() {
  return <h1>CustomerPage</h1>;
}
