/** Placeholder until the feature is built. */
export function JobDetailPage() {
  return <h1>JobDetailPage</h1>;
}
