/** Placeholder until the feature is built. */
export function PreferencesPage() {
  return <h1>PreferencesPage</h1>;
}
