/** Placeholder until the feature is built. */
export function CustomersPage() {
  return <h1>CustomersPage</h1>;
}
