/** Placeholder until the feature is built. */
export function UnsubscribePage() {
  return <h1>UnsubscribePage</h1>;
}
