/** Placeholder until the feature is built. */
export function JobLinkPage() {
  return <h1>JobLinkPage</h1>;
}
