/**
 * Runs a task after it is requested, never two at once and at most once per `minIntervalMs`: requests that
 * arrive meanwhile are folded into one more run after the current one.
 */
export class CoalescingRunner {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private requested = false;
  private stopped = false;
  private lastStartMs = -Infinity;

  constructor(
    private readonly task: () => Promise<void>,
    private readonly minIntervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  request(): void {
    if (this.stopped) return;
    this.requested = true;
    if (!this.running && !this.timer) this.schedule();
  }

  /** Cancels what is scheduled and waits for a run in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private schedule(): void {
    const waitMs = Math.max(0, this.lastStartMs + this.minIntervalMs - this.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.run();
    }, waitMs);
  }

  private async run(): Promise<void> {
    this.requested = false;
    this.lastStartMs = this.now();
    try {
      await this.task();
    } catch {
      // The task reports its own failures; a throw must not stop later runs nor crash the process.
    } finally {
      this.running = undefined;
      if (this.requested && !this.stopped) this.schedule();
    }
  }
}
