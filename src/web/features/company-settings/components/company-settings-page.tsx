/** Placeholder until the feature is built. */
export function CompanySettingsPage() {
  return <h1>CompanySettingsPage</h1>;
}
