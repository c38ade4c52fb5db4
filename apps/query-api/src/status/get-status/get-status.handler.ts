import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { QueryConfig } from '../../query.config';
import { GetStatusQuery } from './get-status.query';
import { TopicOffsets } from './topic-offsets';

export interface PartitionStatus {
  partition: number;
  nextOffset: number;
  endOffset: number | null;
  lag: number | null;
}

export interface StatusResponse {
  topic: string;
  eventsApplied: number;
  duplicates: number;
  rejected: number;
  /** Messages on the topic not yet projected (null when Kafka does not answer). */
  lag: number | null;
  lastAppliedAt: string | null;
  partitions: PartitionStatus[];
  asOf: string;
}

@QueryHandler(GetStatusQuery)
export class GetStatusHandler implements IQueryHandler<GetStatusQuery, StatusResponse> {
  constructor(private readonly db: DataSource, private readonly config: QueryConfig, private readonly topicOffsets: TopicOffsets) {}

  async execute(): Promise<StatusResponse> {
    const topic = this.config.KAFKA_TOPIC;
    const [rows, ends] = await Promise.all([
      this.db.query(
        `SELECT partition, next_offset, events_applied, duplicates, rejected, last_event_at
         FROM projector_offsets WHERE topic = $1 ORDER BY partition`,
        [topic],
      ) as Promise<{ partition: number; next_offset: string; events_applied: string; duplicates: string; rejected: string; last_event_at: Date | null }[]>,
      this.topicOffsets.endOffsets(),
    ]);
    const byPartition = new Map(rows.map((r) => [r.partition, r]));
    const partitions = [...new Set([...byPartition.keys(), ...(ends?.keys() ?? [])])].sort((a, b) => a - b).map((partition) => {
      const next = BigInt(byPartition.get(partition)?.next_offset ?? 0);
      const end = ends?.get(partition);
      return { partition, nextOffset: Number(next), endOffset: end === undefined ? null : Number(end), lag: end === undefined ? null : Number(end > next ? end - next : 0n) };
    });
    const sum = (f: (r: (typeof rows)[number]) => string) => rows.reduce((n, r) => n + Number(f(r)), 0);
    const last = rows.map((r) => r.last_event_at).filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0];
    return {
      topic,
      eventsApplied: sum((r) => r.events_applied),
      duplicates: sum((r) => r.duplicates),
      rejected: sum((r) => r.rejected),
      lag: ends === null ? null : partitions.reduce((n, p) => n + (p.lag ?? 0), 0),
      lastAppliedAt: last ? last.toISOString() : null,
      partitions,
      asOf: new Date().toISOString(),
    };
  }
}
