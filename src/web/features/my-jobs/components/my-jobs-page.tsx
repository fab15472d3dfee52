/** Placeholder until the feature is built. */
export function MyJobsPage() {
  return <h1>MyJobsPage</h1>;
}
