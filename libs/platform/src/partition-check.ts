/**
 * What makes a send's retries safe to trust: every retry puts the same records on the same partitions (a send
 * in which a record moved is not trusted), and a send counts as written only when every partition it put
 * records on was acknowledged.
 *
 * kafkajs re-partitions a send's messages on every retry. Its default partitioner spreads messages without a
 * key round-robin, so a retry could put a different record set under the sequence numbers of a request that
 * was written after all, and the broker would drop it as a duplicate. And a retry resends only to brokers that
 * had not answered: a partition whose leader moved to a broker that had answered is not sent at all, yet the
 * send resolves (kafkajs issue #1303).
 */
import { Message, Partitioners, PartitionerArgs, RecordMetadata } from 'kafkajs';

export type Partitioner = (args: PartitionerArgs) => number;

/**
 * kafkajs's default (Java-compatible) partitioner, except that a message without key or partition is placed by
 * a hash of its value instead of round-robin. `onAssign` sees every assignment.
 */
export function stablePartitioner(onAssign: (topic: string, partition: number, message: Message) => void): Partitioner {
  const java = Partitioners.DefaultPartitioner();
  return (args) => {
    const { message } = args;
    const placed = message.partition != null || message.key != null ? args : { ...args, message: { ...message, key: message.value ?? '' } };
    const partition = java(placed);
    onAssign(args.topic, partition, message);
    return partition;
  };
}

export const partitionLabel = (topic: string, partition: number): string => `${topic}[${partition}]`;

/** The partitions (as `partitionLabel`s) that records were put on but that no acknowledgement without error covers. */
export function unacknowledged(assigned: ReadonlySet<string>, acknowledged: RecordMetadata[]): string[] {
  const ok = new Set(acknowledged.filter((r) => r.errorCode === 0).map((r) => partitionLabel(r.topicName, r.partition)));
  return [...assigned].filter((p) => !ok.has(p));
}

/**
 * Where one send's records went, over all of kafkajs's attempts. kafkajs hands the partitioner the caller's own
 * message objects at every attempt, so a record that an attempt put elsewhere than an earlier one is seen (a
 * change in the topic's partition count between attempts would do that).
 */
export class SendPlacement {
  private readonly placed = new Map<Message, string>();
  private readonly moved = new Set<string>();

  /** Forgets the previous send. */
  reset(): void {
    this.placed.clear();
    this.moved.clear();
  }

  record(topic: string, partition: number, message: Message): void {
    const label = partitionLabel(topic, partition);
    const before = this.placed.get(message);
    if (before !== undefined && before !== label) this.moved.add(`${before} -> ${label}`);
    this.placed.set(message, label);
  }

  /** Why the send cannot be trusted although kafkajs resolved it, or undefined when it can. */
  problem(acknowledged: RecordMetadata[]): { reason: 'partition_moved' | 'partition_unacknowledged'; message: string } | undefined {
    if (this.moved.size > 0) return { reason: 'partition_moved', message: `records moved between partitions on a retry: ${[...this.moved].join(', ')}` };
    const missing = unacknowledged(new Set(this.placed.values()), acknowledged);
    if (missing.length > 0) return { reason: 'partition_unacknowledged', message: `no acknowledgement for ${missing.join(', ')}` };
    return undefined;
  }
}
