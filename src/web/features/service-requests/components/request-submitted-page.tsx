/** Placeholder until the feature is built. */
export function RequestSubmittedPage() {
  return <h1>RequestSubmittedPage</h1>;
}
