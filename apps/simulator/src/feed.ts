/**
 * The demo feed: backdated history as fast as the API allows (batches of up to 1000), then live events
 * at the chosen rate, until the total, the duration or a stop. Batches that still fail after their
 * attempts are given up and counted, never retried without end; several in a row abort the run.
 */
import type { CloudEvent } from '@app/contract';
import type { DossierStream } from './generate';
import { Clock, EventPoster, RetryPolicy, SendResult, sendWithRetries, splitBySize } from './send-batch';

export type FeedPhase = 'history' | 'waiting_for_scope' | 'live' | 'done';

export interface FeedSettings {
  /** Live events per second. */
  rate: number;
  /** Live batch size. */
  batch: number;
  /** History batch size (as fast as allowed). */
  historyBatch: number;
  /** Stop after this many events (generated, whether accepted or not). */
  total?: number;
  /** Stop after this many milliseconds. */
  durationMs?: number;
  retry: RetryPolicy;
  /** How long to wait for the API to see the agency tree (403 out of scope until the projector has it). */
  scopeWaitMs: number;
  /** Batches given up in a row before the run aborts. */
  maxConsecutiveFailures: number;
}

export interface FeedStats {
  phase: FeedPhase;
  startedAt: number;
  /** Events taken from the generator. */
  generated: number;
  /** Events the API accepted (202). */
  sent: number;
  /** Batches accepted. */
  batches: number;
  retries: number;
  /** Batches rejected or given up. */
  errors: number;
  /** Events in batches rejected or given up. */
  lost: number;
}

export interface FeedEvents {
  onProgress?(stats: FeedStats): void;
  onNote?(message: string): void;
}

export class FeedAbortedError extends Error {}

const SCOPE_RETRY_MS = 2000;
/** When live sending falls this far behind the schedule, the schedule restarts instead of bursting to catch up. */
const MAX_LAG_MS = 2000;

export class Feed {
  readonly stats: FeedStats;
  private readonly stopping = new AbortController();
  private scopeConfirmed = false;
  private consecutiveFailures = 0;

  constructor(
    private readonly poster: EventPoster,
    private readonly producerKey: string,
    private readonly stream: DossierStream,
    private readonly settings: FeedSettings,
    private readonly clock: Clock,
    private readonly events: FeedEvents = {},
  ) {
    this.stats = { phase: stream.currentMode === 'history' ? 'history' : 'live', startedAt: clock.now(), generated: 0, sent: 0, batches: 0, retries: 0, errors: 0, lost: 0 };
  }

  /** Ends the run after the batch in flight. */
  stop(): void {
    this.stopping.abort();
  }

  get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  async run(): Promise<FeedStats> {
    const { settings, stream, clock, stats } = this;
    let liveStart = 0;
    let liveGenerated = 0;
    while (!this.stopped) {
      const left = settings.total === undefined ? Infinity : settings.total - stats.generated;
      if (left <= 0) break;
      if (settings.durationMs !== undefined && clock.now() - stats.startedAt >= settings.durationMs) break;

      if (stream.currentMode === 'history') {
        const events = stream.next(Math.min(settings.historyBatch, left), clock.now());
        if (events.length === 0) {
          stream.goLive();
          this.note(`history done (${stats.generated} events); going live at ${settings.rate} events/s`);
          continue;
        }
        await this.send(events, 'history');
        continue;
      }

      if (liveStart === 0) liveStart = clock.now();
      const dueAt = liveStart + (liveGenerated / settings.rate) * 1000;
      const wait = dueAt - clock.now();
      if (wait < -MAX_LAG_MS) liveStart += -wait;
      else if (wait > 0) {
        const untilEnd = settings.durationMs === undefined ? wait : Math.min(wait, stats.startedAt + settings.durationMs - clock.now());
        await clock.sleep(Math.max(0, untilEnd), this.stopping.signal);
        continue;
      }
      const events = stream.next(Math.min(settings.batch, left), clock.now());
      liveGenerated += events.length;
      await this.send(events, 'live');
    }
    stats.phase = 'done';
    this.events.onProgress?.(stats);
    return stats;
  }

  private async send(events: CloudEvent[], phase: 'history' | 'live'): Promise<void> {
    this.stats.generated += events.length;
    for (const part of splitBySize(events)) {
      this.stats.phase = this.scopeConfirmed ? phase : 'waiting_for_scope';
      this.events.onProgress?.(this.stats);
      const result = await this.sendPart(part);
      this.stats.phase = phase;
      this.stats.retries += result.retries;
      if (result.kind === 'accepted') {
        this.scopeConfirmed = true;
        this.consecutiveFailures = 0;
        this.stats.sent += part.length;
        this.stats.batches++;
      } else {
        this.stats.errors++;
        this.stats.lost += part.length;
        this.note(describeFailure(result, part));
        if (result.kind === 'gave_up' && ++this.consecutiveFailures >= this.settings.maxConsecutiveFailures) {
          throw new FeedAbortedError(`${this.consecutiveFailures} batches in a row could not be delivered; stopping (${result.message})`);
        }
      }
      this.events.onProgress?.(this.stats);
    }
  }

  /** Sends one part; before the first acceptance, a 403 out of scope is waited out (the projector may not have the tree yet). */
  private async sendPart(part: CloudEvent[]): Promise<SendResult> {
    const { settings, clock } = this;
    const firstTry = clock.now();
    let retries = 0;
    let noted = false;
    for (;;) {
      const result = await sendWithRetries(this.poster, this.producerKey, part, settings.retry, clock, this.stopping.signal);
      retries += result.retries;
      const outOfScope = result.kind === 'rejected' && result.status === 403 && result.details.some((d) => d.path === 'data.agencyCode');
      if (!outOfScope || this.scopeConfirmed) return { ...result, retries };
      if (clock.now() - firstTry >= settings.scopeWaitMs || this.stopped) {
        throw new FeedAbortedError(
          `the ingest API still refuses the province's agencies after ${Math.round(settings.scopeWaitMs / 1000)} s (403: ${result.details[0]?.message}). ` +
            'The agency tree is registered, but the API only sees it once a projector has applied it: is a projector running on the same database and topic?',
        );
      }
      if (!noted) this.note('waiting for the agency tree to be projected (403 out of scope)…');
      noted = true;
      retries++;
      await clock.sleep(SCOPE_RETRY_MS, this.stopping.signal);
    }
  }

  private note(message: string): void {
    this.events.onNote?.(message);
  }
}

function describeFailure(result: Exclude<SendResult, { kind: 'accepted' }>, part: CloudEvent[]): string {
  if (result.kind === 'gave_up') return `batch of ${part.length} events lost: ${result.message}`;
  const first = result.details.slice(0, 3).map((d) => `[${d.index ?? '-'}] ${d.path || '(event)'}: ${d.message}`);
  return `batch of ${part.length} events rejected: ${result.message}${first.length ? ` — ${first.join('; ')}` : ''}`;
}
