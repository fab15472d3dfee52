/**
 * How much of the run is used up, as a fraction. With an iteration limit and no time limit the
 * fraction depends on iterations only, so a run (phases, temperature) replays exactly.
 */
export class SearchBudget {
  iterations = 0;
  private readonly startedAt = performance.now();

  constructor(
    private readonly timeLimitMs: number | undefined,
    private readonly maxIterations: number | undefined,
  ) {}

  /** Fraction of the budget used, 0..1 (and above once exhausted). */
  progress(): number {
    const byIterations = this.maxIterations === undefined ? 0 : this.iterations / this.maxIterations;
    const byTime = this.timeLimitMs === undefined ? 0 : this.elapsedMs() / this.timeLimitMs;
    return byIterations > byTime ? byIterations : byTime;
  }

  exhausted(): boolean {
    return this.progress() >= 1;
  }

  elapsedMs(): number {
    return performance.now() - this.startedAt;
  }
}
