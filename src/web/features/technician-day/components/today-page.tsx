/** Placeholder until the feature is built. */
export function TodayPage() {
  return <h1>TodayPage</h1>;
}
