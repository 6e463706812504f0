import { errorText, logger } from './logger';

/**
 * A background job run every `ms` (not at all when ms ≤ 0), never overlapping itself; `stop` waits for a run in
 * progress. A failure is logged as `failedEvent` and the next tick tries again.
 */
export class Periodic {
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private ms: number,
    private run: () => Promise<unknown>,
    private failedEvent: string,
  ) {}

  start() {
    if (this.ms <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.run()
        .catch((e: unknown) => logger.warn(this.failedEvent, { error: errorText(e) }))
        .finally(() => (this.running = null));
    }, this.ms);
    this.timer.unref?.();
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
