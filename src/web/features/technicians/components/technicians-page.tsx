/** Placeholder until the feature is built. */
export function TechniciansPage() {
  return <h1>TechniciansPage</h1>;
}
