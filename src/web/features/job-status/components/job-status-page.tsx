/** Placeholder until the feature is built. */
export function JobStatusPage() {
  return <h1>JobStatusPage</h1>;
}
