/** Placeholder until the feature is built. */
export function VisitPage() {
  return <h1>VisitPage</h1>;
}
