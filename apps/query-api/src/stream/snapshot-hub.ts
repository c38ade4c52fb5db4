/**
 * The live snapshots of the agencies that have stream clients. One computation per agency, shared by all its
 * clients, triggered by projection changes (LISTEN, see ProjectionsListener) and by local midnight, and never
 * started less than a second after the previous one for that agency: changes arriving in between are coalesced
 * into one computation at the end of that second. A client is sent a snapshot only when its numbers changed.
 */
import { addDays, localToday } from '@app/indicators';
import { LOGGER } from '@app/platform';
import { BeforeApplicationShutdown, Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { QueryConfig } from '../query.config';
import { ProjectionsChange, ProjectionsListener } from './projections-listener';
import { Snapshot, SnapshotReader } from './snapshot';
import { streamAgencies, streamClients } from './stream.metrics';

export const MIN_SNAPSHOT_INTERVAL_MS = 1000;

export interface SnapshotSubscriber {
  deliver(snapshot: Snapshot): void;
  /** The process is stopping. */
  close(): void;
}

export interface Subscription {
  /** The agency's latest snapshot. */
  readonly current: Snapshot;
  unsubscribe(): void;
}

interface Channel {
  agency: string;
  subscribers: Set<SnapshotSubscriber>;
  /** The first computation: it also tells an unknown agency (404). */
  first: Promise<void>;
  current?: Snapshot;
  lastRunAt: number;
  running: boolean;
  /** Something changed since the last computation started. */
  dirty: boolean;
  timer?: NodeJS.Timeout;
}

@Injectable()
export class SnapshotHub implements OnModuleInit, BeforeApplicationShutdown {
  private readonly channels = new Map<string, Channel>();
  private midnightTimer?: NodeJS.Timeout;
  private stopListening?: () => void;

  constructor(
    private readonly reader: SnapshotReader,
    private readonly listener: ProjectionsListener,
    private readonly config: QueryConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.stopListening = this.listener.onChanged((change) => this.projectionsChanged(change));
  }

  beforeApplicationShutdown(): void {
    this.stopListening?.();
    clearTimeout(this.midnightTimer);
    for (const ch of this.channels.values()) {
      clearTimeout(ch.timer);
      for (const s of ch.subscribers) s.close();
    }
    this.channels.clear();
    this.updateGauges();
  }

  /** Starts delivering `agency`'s snapshots to `subscriber`; rejects (404) for an unknown agency. */
  async subscribe(agency: string, subscriber: SnapshotSubscriber): Promise<Subscription> {
    const ch = this.channels.get(agency) ?? this.open(agency);
    try {
      await ch.first;
    } catch (err) {
      if (this.channels.get(agency) === ch && ch.subscribers.size === 0) this.close(ch);
      throw err;
    }
    if (this.channels.get(agency) !== ch) return this.subscribe(agency, subscriber); // closed meanwhile
    ch.subscribers.add(subscriber);
    this.updateGauges();
    return {
      get current() {
        return ch.current!;
      },
      unsubscribe: () => {
        if (!ch.subscribers.delete(subscriber)) return;
        if (ch.subscribers.size === 0 && this.channels.get(agency) === ch) this.close(ch);
        this.updateGauges();
      },
    };
  }

  private open(agency: string): Channel {
    const ch: Channel = { agency, subscribers: new Set(), first: Promise.resolve(), lastRunAt: 0, running: false, dirty: false };
    this.channels.set(agency, ch);
    ch.first = this.run(ch);
    this.armMidnight();
    this.updateGauges();
    return ch;
  }

  private close(ch: Channel): void {
    clearTimeout(ch.timer);
    this.channels.delete(ch.agency);
    if (this.channels.size === 0) {
      clearTimeout(this.midnightTimer);
      this.midnightTimer = undefined;
    }
  }

  private projectionsChanged(change: ProjectionsChange): void {
    if ('resync' in change || change.topic === this.config.KAFKA_TOPIC) this.markAllChanged();
  }

  private markAllChanged(): void {
    for (const ch of this.channels.values()) {
      ch.dirty = true;
      this.kick(ch);
    }
  }

  /** Runs a pending computation now, or at the end of the second that follows the previous one. */
  private kick(ch: Channel): void {
    if (!ch.dirty || ch.running || ch.timer || this.channels.get(ch.agency) !== ch) return;
    const wait = ch.lastRunAt + MIN_SNAPSHOT_INTERVAL_MS - Date.now();
    if (wait > 0) {
      ch.timer = setTimeout(() => {
        ch.timer = undefined;
        this.kick(ch);
      }, wait);
      return;
    }
    void this.run(ch);
  }

  private run(ch: Channel): Promise<void> {
    ch.dirty = false;
    ch.running = true;
    ch.lastRunAt = Date.now();
    const done = this.reader.read(ch.agency, ch.lastRunAt).then((snapshot) => this.publish(ch, snapshot));
    done
      .catch((err: Error) => {
        // The first computation's failure goes to the subscriber (404); later ones wait for the next change.
        if (ch.current) this.logger.warn({ err: { message: err.message }, agency: ch.agency }, 'live snapshot not refreshed');
      })
      .then(() => {
        ch.running = false;
        this.kick(ch);
      });
    return done;
  }

  private publish(ch: Channel, snapshot: Snapshot): void {
    if (this.channels.get(ch.agency) !== ch) return;
    if (ch.current?.parsedId.hash === snapshot.parsedId.hash) return;
    ch.current = snapshot;
    for (const s of ch.subscribers) s.deliver(snapshot);
  }

  /** Today's snapshot becomes yesterday's at local midnight (Asia/Ho_Chi_Minh) without any event. */
  private armMidnight(): void {
    if (this.midnightTimer) return;
    const now = Date.now();
    const midnight = Date.parse(`${addDays(localToday(now), 1)}T00:00:00+07:00`);
    this.midnightTimer = setTimeout(() => {
      this.midnightTimer = undefined;
      this.markAllChanged();
      if (this.channels.size > 0) this.armMidnight();
    }, midnight - now);
  }

  private updateGauges(): void {
    streamAgencies.set(this.channels.size);
    streamClients.set([...this.channels.values()].reduce((n, ch) => n + ch.subscribers.size, 0));
  }
}
