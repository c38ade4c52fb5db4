/**
 * How far this projector is behind on the partitions it owns, in messages and in seconds. Time comes in as
 * data; the consumer feeds it from each batch and from a periodic read of the topic's end offsets and
 * PostgreSQL's positions, so the numbers stay right when no batch arrives.
 *
 * Messages: the partition's high watermark minus the next offset to project (PostgreSQL's position).
 *
 * Seconds: the age of the oldest unprojected event, now minus the Kafka timestamp of the first message not
 * yet committed (CreateTime, the producer's clock, unless the topic uses LogAppendTime); 0 when caught up.
 * Kafka offers no cheap way to read one message's timestamp outside the consumer, so it is taken from the
 * batch in hand, which is exact while a batch is being applied (a slow or stuck transaction, a backlog):
 * - while a batch is applied, the head is the first message of the chunk not committed yet;
 * - when a batch is done but the fetch showed more messages behind it (a backlog larger than one fetch),
 *   the last applied message's timestamp stands in for the next one's: those were already on the broker
 *   and are no older, so this errs slightly high, by the gap between two messages of a backlog;
 * - when messages appear after a fetch that had caught up and no batch brings them in, the lag counts from
 *   when this process first saw them on the broker: a lower bound, short by at most the refresh period.
 */

interface PartitionLag {
  /** Next offset to project, when known. */
  next?: bigint;
  /** End offset (high watermark) of the partition, when known. */
  high?: bigint;
  /** Kafka timestamp (ms) of the first unprojected message, when a batch holds it. */
  headMs?: number;
  /** Clock reading when lag was first seen with no message in hand. */
  behindSinceMs?: number;
}

export interface LagReading {
  partition: number;
  messages: number;
  seconds: number;
}

const max = (a: bigint | undefined, b: bigint): bigint => (a === undefined || b > a ? b : a);

export class ConsumerLag {
  private readonly partitions = new Map<number, PartitionLag>();

  /** The partitions this process owns after a rebalance; the others are forgotten. */
  assigned(partitions: number[]): void {
    for (const p of [...this.partitions.keys()]) if (!partitions.includes(p)) this.partitions.delete(p);
    for (const p of partitions) if (!this.partitions.has(p)) this.partitions.set(p, {});
  }

  get owned(): number[] {
    return [...this.partitions.keys()];
  }

  /** A batch arrived: its high watermark, and the timestamp of the first message still to project. */
  batchFetched(partition: number, highWatermark: string, headMs: number | undefined): void {
    const s = this.partitions.get(partition);
    if (!s) return;
    s.high = max(s.high, BigInt(highWatermark));
    if (headMs !== undefined) {
      s.headMs = headMs;
      s.behindSinceMs = undefined;
    }
  }

  /**
   * A chunk was committed (or found already applied). `nextHeadMs`: the timestamp of the message that now
   * heads the partition, if the batch holds one; `batchHighWatermark` and `lastMs` cover the end of a batch.
   */
  committed(partition: number, nextOffset: string, nextHeadMs: number | undefined, batchHighWatermark: string, lastMs: number, nowMs: number): void {
    const s = this.partitions.get(partition);
    if (!s) return;
    s.next = BigInt(nextOffset); // the commit path is authoritative, also when it moved back (a seek)
    if (nextHeadMs !== undefined) s.headMs = nextHeadMs;
    else s.headMs = BigInt(batchHighWatermark) > s.next ? lastMs : undefined;
    this.settle(s, nowMs);
  }

  /** The periodic read: the partition's end offset and PostgreSQL's next offset, at a clock reading. */
  offsetsRead(partition: number, high: string, next: string, nowMs: number): void {
    const s = this.partitions.get(partition);
    if (!s) return;
    s.high = max(s.high, BigInt(high));
    // A commit may have landed after PostgreSQL was read: never move back on a read.
    s.next = max(s.next, BigInt(next));
    this.settle(s, nowMs);
  }

  readings(nowMs: number): LagReading[] {
    const out: LagReading[] = [];
    for (const [partition, s] of this.partitions) {
      if (s.next === undefined || s.high === undefined) continue;
      const messages = Number(lagOf(s));
      const since = messages === 0 ? undefined : s.headMs ?? s.behindSinceMs;
      out.push({ partition, messages, seconds: since === undefined ? 0 : Math.max(0, nowMs - since) / 1000 });
    }
    return out.sort((a, b) => a.partition - b.partition);
  }

  private settle(s: PartitionLag, nowMs: number): void {
    if (lagOf(s) === 0n) {
      s.headMs = undefined;
      s.behindSinceMs = undefined;
    } else if (s.headMs === undefined) {
      s.behindSinceMs ??= nowMs;
    }
  }
}

const lagOf = (s: PartitionLag): bigint => (s.next === undefined || s.high === undefined || s.high <= s.next ? 0n : s.high - s.next);
