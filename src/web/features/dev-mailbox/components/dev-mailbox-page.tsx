/** Placeholder until the feature is built. */
export function DevMailboxPage() {
  return <h1>DevMailboxPage</h1>;
}
