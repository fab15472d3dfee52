import type { Logger } from './events.js';

/**
 * Runs a background pass on a timer: the first at start, then `intervalMs` after each one ends, never
 * two at once in this process. A failing pass is logged and the next one still comes. `stop()`
 * waits for the pass under way, so a closing app never cuts one in half. Passes must be safe with
 * several instances running them (each caller says how).
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;

  constructor(
    private readonly logger: Logger,
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly pass: () => Promise<unknown>,
  ) {}

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delay: number) {
    this.timer = setTimeout(() => {
      this.running = this.pass()
        .catch((error: unknown) => this.logger.error({ err: error }, `${this.name} failed a round`))
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.schedule(this.intervalMs);
        });
    }, delay);
    this.timer.unref();
  }
}
