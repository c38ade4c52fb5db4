/**
 * Progress of a long job for the operator: on a terminal a bar with events/s and an ETA; otherwise (logs,
 * CI) one JSON line every 5 s. Written to stderr, so that stdout carries only the final result.
 */
import { Presets, SingleBar } from 'cli-progress';

export interface Progress {
  /** Starts a phase; `total` when its amount of work is known. */
  phase(name: string, total?: number): void;
  update(done: number, total?: number): void;
  note(message: string): void;
  stop(): void;
}

const JSON_INTERVAL_MS = 5000;

export function createProgress(stream: NodeJS.WriteStream = process.stderr, quiet = false): Progress {
  if (quiet) return { phase: () => undefined, update: () => undefined, note: () => undefined, stop: () => undefined };
  return stream.isTTY ? new BarProgress(stream) : new JsonProgress(stream);
}

class BarProgress implements Progress {
  private bar?: SingleBar;

  constructor(private readonly stream: NodeJS.WriteStream) {}

  phase(name: string, total?: number): void {
    this.bar?.stop();
    this.bar = new SingleBar(
      {
        stream: this.stream,
        format: `${name.padEnd(10)} [{bar}] {percentage}% | {value}/{total} events | {speed} ev/s | ETA {eta_formatted}`,
        barsize: 20,
        hideCursor: true,
        etaBuffer: 50,
        fps: 4,
      },
      Presets.shades_classic,
    );
    this.bar.start(total ?? 0, 0, { speed: 0 });
    this.startedAt = Date.now();
  }

  private startedAt = Date.now();

  update(done: number, total?: number): void {
    if (!this.bar) return;
    if (total !== undefined) this.bar.setTotal(total);
    const seconds = (Date.now() - this.startedAt) / 1000;
    this.bar.update(done, { speed: seconds > 0 ? Math.round(done / seconds) : 0 });
  }

  note(message: string): void {
    this.stream.write(`${this.bar ? '\n' : ''}${message}\n`);
  }

  stop(): void {
    this.bar?.stop();
    this.bar = undefined;
  }
}

class JsonProgress implements Progress {
  private name = '';
  private total?: number;
  private done = 0;
  private startedAt = Date.now();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly stream: NodeJS.WriteStream) {
    this.timer = setInterval(() => this.print(), JSON_INTERVAL_MS).unref();
  }

  phase(name: string, total?: number): void {
    if (this.name) this.print();
    Object.assign(this, { name, total, done: 0, startedAt: Date.now() });
  }

  update(done: number, total?: number): void {
    this.done = done;
    if (total !== undefined) this.total = total;
  }

  note(message: string): void {
    this.stream.write(`${JSON.stringify({ time: new Date().toISOString(), note: message })}\n`);
  }

  stop(): void {
    clearInterval(this.timer);
    if (this.name) this.print();
  }

  private print(): void {
    const seconds = (Date.now() - this.startedAt) / 1000;
    const rate = seconds > 0 ? this.done / seconds : 0;
    const left = this.total !== undefined && rate > 0 ? Math.max(0, (this.total - this.done) / rate) : undefined;
    this.stream.write(
      `${JSON.stringify({
        time: new Date().toISOString(),
        phase: this.name,
        done: this.done,
        total: this.total ?? null,
        eventsPerSecond: Math.round(rate),
        etaSeconds: left === undefined ? null : Math.round(left),
      })}\n`,
    );
  }
}
