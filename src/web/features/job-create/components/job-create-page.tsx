/** Placeholder until the feature is built. */
export function JobCreatePage() {
  return <h1>JobCreatePage</h1>;
}
