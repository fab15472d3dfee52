import { AsyncLocalStorage } from 'node:async_hooks';
import type { Clock } from '../lib/clock.js';

/**
 * The clock the demo server runs on. While the demo is seeded it is pinned to each step's moment,
 * so every timeline entry carries the time it would have had in real life (yesterday's visit,
 * this morning's request); once released it follows the real time.
 */
export class PinnableClock implements Clock {
  private pinned: Date | undefined;
  private readonly scoped = new AsyncLocalStorage<Date>();

  now(): Date {
    const at = this.scoped.getStore() ?? this.pinned;
    return at ? new Date(at) : new Date();
  }

  set(at: Date | string): void {
    this.pinned = new Date(at);
  }

  release(): void {
    this.pinned = undefined;
  }

  /**
   * Runs `work` with the clock reading `at` for it alone (and everything it awaits), so steps of
   * different jobs can be played side by side, each at its own moment.
   */
  runAt<T>(at: Date, work: () => Promise<T>): Promise<T> {
    return this.scoped.run(new Date(at), work);
  }
}
