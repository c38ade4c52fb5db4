/**
 * What the operator sees while the feed runs: a live progress bar on a terminal (events sent, events/s,
 * batches, errors), or, when stdout is not a terminal, one JSON status line every 5 s.
 */
import { MultiBar, Presets, SingleBar } from 'cli-progress';
import type { FeedStats } from './feed';

export interface ProgressReporter {
  update(stats: FeedStats): void;
  note(message: string): void;
  stop(stats: FeedStats): void;
}

const JSON_INTERVAL_MS = 5000;
const RATE_WINDOW_MS = 5000;

/** Events per second over the last few seconds. */
class RateMeter {
  private readonly samples: { at: number; sent: number }[] = [];

  perSecond(sent: number, now: number, startedAt: number): number {
    if (this.samples.length === 0) this.samples.push({ at: startedAt, sent: 0 });
    this.samples.push({ at: now, sent });
    while (this.samples.length > 2 && now - this.samples[0].at > RATE_WINDOW_MS) this.samples.shift();
    const first = this.samples[0];
    const seconds = (now - first.at) / 1000;
    return seconds > 0 ? Math.round((sent - first.sent) / seconds) : 0;
  }
}

export function createReporter(out: NodeJS.WriteStream, err: NodeJS.WriteStream, total?: number): ProgressReporter {
  return out.isTTY ? new BarReporter(out, total) : new JsonReporter(out, err);
}

class BarReporter implements ProgressReporter {
  private readonly multi: MultiBar;
  private readonly bar: SingleBar;
  private readonly meter = new RateMeter();
  private readonly timer: NodeJS.Timeout;
  private latest?: FeedStats;
  private lastRedraw = 0;

  constructor(out: NodeJS.WriteStream, private readonly total?: number) {
    // Redraw every second even when no batch completes (rate and elapsed time keep moving).
    this.timer = setInterval(() => this.latest && this.update(this.latest), 1000);
    this.timer.unref();
    // Short enough for an 80-column terminal: cli-progress cuts longer lines.
    const counts = '{sent} sent | {eps} ev/s | {batches} batches | {errors} errors{extra}';
    const format = total ? `{phase} [{bar}] {percentage}% | ${counts}` : `{phase} | ${counts} | {elapsed}s`;
    this.multi = new MultiBar(
      { format, stream: out, barsize: 16, hideCursor: true, clearOnComplete: false, stopOnComplete: false, fps: 5 },
      Presets.shades_classic,
    );
    this.bar = this.multi.create(total ?? 1, 0, { phase: 'setup  ', sent: 0, eps: 0, batches: 0, errors: 0, extra: '', elapsed: 0 });
  }

  update(stats: FeedStats): void {
    this.latest = stats;
    const now = Date.now();
    if (now - this.lastRedraw < 100 && stats.phase !== 'done') return;
    this.lastRedraw = now;
    this.bar.update(this.total ? stats.generated : 0, {
      phase: (stats.phase === 'waiting_for_scope' ? 'waiting' : stats.phase).padEnd(7),
      sent: stats.sent,
      eps: this.meter.perSecond(stats.sent, now, stats.startedAt),
      batches: stats.batches,
      errors: stats.errors,
      extra: stats.retries > 0 ? ` | ${stats.retries} retries` : '',
      elapsed: Math.round((now - stats.startedAt) / 1000),
    });
  }

  note(message: string): void {
    this.multi.log(`${message}\n`);
  }

  stop(stats: FeedStats): void {
    clearInterval(this.timer);
    this.lastRedraw = 0;
    this.update(stats);
    this.multi.stop();
  }
}

class JsonReporter implements ProgressReporter {
  private readonly meter = new RateMeter();
  private readonly timer: NodeJS.Timeout;
  private latest?: FeedStats;

  constructor(private readonly out: NodeJS.WriteStream, private readonly err: NodeJS.WriteStream) {
    this.timer = setInterval(() => this.latest && this.print(this.latest), JSON_INTERVAL_MS);
    this.timer.unref();
  }

  update(stats: FeedStats): void {
    this.latest = stats;
  }

  note(message: string): void {
    this.err.write(`${message}\n`);
  }

  stop(stats: FeedStats): void {
    clearInterval(this.timer);
    this.print(stats);
  }

  private print(stats: FeedStats): void {
    const now = Date.now();
    this.out.write(
      `${JSON.stringify({
        time: new Date(now).toISOString(),
        phase: stats.phase,
        sent: stats.sent,
        eventsPerSecond: this.meter.perSecond(stats.sent, now, stats.startedAt),
        batches: stats.batches,
        errors: stats.errors,
        retries: stats.retries,
        lost: stats.lost,
        elapsedSeconds: Math.round((now - stats.startedAt) / 1000),
      })}\n`,
    );
  }
}
