/** Placeholder until the feature is built. */
export function NewRequestPage() {
  return <h1>NewRequestPage</h1>;
}
