/** Placeholder until the feature is built. */
export function JobBoardPage() {
  return <h1>JobBoardPage</h1>;
}
