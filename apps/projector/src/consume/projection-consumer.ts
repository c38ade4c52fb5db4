/**
 * The kafkajs consumer (eachBatch, not the Nest microservice transport). Each partition batch is cut into
 * chunks; a chunk's dead letters are published, then its effects and offset are committed to PostgreSQL in
 * one transaction. PostgreSQL's offsets are the truth: on a gap the consumer seeks back to them, and what
 * they already cover is skipped. A failed chunk throws, and kafkajs redelivers from the last resolved offset.
 */
import { deadLetterTopic } from '@app/contract';
import { LOGGER, SerialProducer, ensureTopics, kafkaClient } from '@app/platform';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Admin, Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import type { Logger } from 'pino';
import { ProjectorConfig } from '../projector.config';
import * as metrics from '../projector.metrics';
import { ChunkMessage, ProjectionStore } from '../store/projection-store';
import { ConsumerLag } from './consumer-lag';
import { deadLetter, Rejection } from './dead-letter.publisher';
import { decodeMessage } from './decode-message';

/** How often lag is read from the broker and PostgreSQL, besides every batch. */
const LAG_REFRESH_MS = 5_000;
/**
 * The bound on publishing a chunk's dead letters; past it the chunk fails and is redelivered. Well under the
 * group's 30 s session timeout, so that a hung broker does not also cost the partitions.
 */
const DLQ_SEND_DEADLINE_MS = 15_000;

@Injectable()
export class ProjectionConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly kafka: Kafka;
  private readonly consumer: Consumer;
  private readonly dlqProducer: SerialProducer;
  /** Next offset per partition as last committed to PostgreSQL by this process (a cache; PostgreSQL decides). */
  private readonly positions = new Map<number, bigint>();
  private running = false;
  private readonly lag = new ConsumerLag();
  private lagAdmin?: Admin;
  private lagTimer?: NodeJS.Timeout;
  private lagRefreshing = false;
  private stopping = false;

  constructor(
    private readonly config: ProjectorConfig,
    private readonly store: ProjectionStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.kafka = kafkaClient(`projector-${process.pid}`, config.KAFKA_BROKERS);
    this.consumer = this.kafka.consumer({
      groupId: config.PROJECTOR_GROUP_ID,
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      maxWaitTimeInMs: 100,
      maxBytesPerPartition: config.PROJECTOR_MAX_BYTES_PER_PARTITION,
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 10_000 },
    });
    this.dlqProducer = new SerialProducer({
      brokers: config.KAFKA_BROKERS,
      clientId: `projector-${process.pid}-dead-letters`,
      deadlineMs: DLQ_SEND_DEADLINE_MS,
      logger,
    });
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) =>
      this.logger.error({ err: payload.error?.message, restart: payload.restart }, 'consumer crashed'),
    );
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => {
      this.lag.assigned(payload.memberAssignment[config.KAFKA_TOPIC] ?? []);
      void this.refreshLag();
    });
    metrics.readLagFrom((nowMs) => this.lag.readings(nowMs));
  }

  get isRunning(): boolean {
    return this.running;
  }

  async onApplicationBootstrap(): Promise<void> {
    const topic = this.config.KAFKA_TOPIC;
    await ensureTopics(this.kafka, [topic, deadLetterTopic(topic)], this.config.KAFKA_TOPIC_PARTITIONS, this.config.KAFKA_REPLICATION_FACTOR);
    for (const [partition, offset] of await this.store.storedOffsets(topic)) this.positions.set(partition, BigInt(offset));
    await this.dlqProducer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({ topic, fromBeginning: true });
    await this.consumer.run({
      autoCommit: true,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.config.PROJECTOR_CONCURRENCY,
      eachBatch: (payload) => this.onBatch(payload),
    });
    this.running = true;
    this.lagTimer = setInterval(() => void this.refreshLag(), LAG_REFRESH_MS).unref();
    this.logger.info({ topic, group: this.config.PROJECTOR_GROUP_ID }, 'projector consuming');
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.stopping = true;
    clearInterval(this.lagTimer);
    await this.consumer.disconnect().catch(() => undefined);
    await this.lagAdmin?.disconnect().catch(() => undefined);
    await this.dlqProducer.disconnect();
  }

  private async onBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const { topic, partition } = batch;
    const known = this.positions.get(partition);
    const messages = known === undefined ? batch.messages : batch.messages.filter((m) => BigInt(m.offset) >= known);
    this.lag.batchFetched(partition, batch.highWatermark, messages.length > 0 ? Number(messages[0].timestamp) : undefined);
    if (messages.length === 0 && batch.messages.length > 0) {
      resolveOffset(batch.lastOffset());
      return;
    }
    for (let i = 0; i < messages.length; i += this.config.PROJECTOR_MAX_TX_EVENTS) {
      if (!isRunning() || isStale()) return;
      const chunk = messages.slice(i, i + this.config.PROJECTOR_MAX_TX_EVENTS);
      let done: boolean;
      try {
        done = await this.applyChunk(topic, partition, chunk);
      } catch (e) {
        // kafkajs (its own logs are off) redelivers from the last resolved offset after a backoff: say why, or a
        // lost database connection or a broker outage goes unseen.
        const err = e as Error;
        this.logger.warn({ partition, fromOffset: chunk[0].offset, err: { message: err.message, code: (err as { code?: string }).code } }, 'chunk not applied; retrying');
        throw e;
      }
      if (!done) return; // sought elsewhere: this batch is void
      resolveOffset(chunk[chunk.length - 1].offset);
      const following = messages[i + chunk.length];
      this.lag.committed(
        partition, String(this.positions.get(partition)), following && Number(following.timestamp),
        batch.highWatermark, Number(chunk[chunk.length - 1].timestamp), Date.now(),
      );
      await heartbeat();
    }
  }

  /** Returns false when the consumer had to seek back to PostgreSQL's position. */
  private async applyChunk(topic: string, partition: number, chunk: KafkaMessage[], firstAllowed?: string): Promise<boolean> {
    const timer = metrics.batchApplySeconds.startTimer();
    const nowMs = Date.now();
    const rejects: { message: KafkaMessage; rejection: Rejection }[] = [];
    const decoded: ChunkMessage[] = chunk.map((message) => {
      const d = decodeMessage(message.value, nowMs);
      if (d.ok) return { offset: message.offset, event: d.event };
      rejects.push({ message, rejection: d });
      return { offset: message.offset };
    });

    // Dead letters are sent before the transaction that accounts for them: a crash in between re-sends them
    // (at least once), never loses them.
    await deadLetter(this.dlqProducer, deadLetterTopic(topic), { topic, partition }, rejects);

    const result = await this.store.apply(topic, partition, decoded, firstAllowed);
    if (result.kind === 'gap') {
      const low = await this.lowWatermark(topic, partition);
      if (BigInt(result.nextOffset) < BigInt(low)) {
        this.logger.warn({ partition, stored: result.nextOffset, earliest: low }, 'events before the earliest offset on the topic are gone (retention); projecting from the earliest');
        if (BigInt(chunk[0].offset) === BigInt(low)) return this.applyChunk(topic, partition, chunk, low);
        this.consumer.seek({ topic, partition, offset: low });
        return false;
      }
      this.logger.info({ partition, from: chunk[0].offset, to: result.nextOffset }, 'seeking back to the stored offset');
      this.consumer.seek({ topic, partition, offset: result.nextOffset });
      return false;
    }
    if (result.kind === 'applied') {
      for (const r of rejects) metrics.deadLettered.inc({ reason: r.rejection.reason });
      if (rejects.length > 0) {
        this.logger.warn({ partition, count: rejects.length, reasons: [...new Set(rejects.map((r) => r.rejection.reason))] }, 'messages dead-lettered');
      }
      metrics.eventsApplied.inc(result.applied);
      metrics.duplicates.inc(result.duplicates);
      metrics.batchSize.observe(chunk.length);
    }
    this.positions.set(partition, BigInt(result.nextOffset));
    metrics.nextOffsetGauge.set({ partition: String(partition) }, Number(result.nextOffset));
    timer();
    return true;
  }

  /** Lag of the owned partitions from the topic's end offsets and PostgreSQL's positions (truth), also when idle. */
  private async refreshLag(): Promise<void> {
    const owned = this.lag.owned;
    if (this.lagRefreshing || this.stopping || owned.length === 0) return;
    this.lagRefreshing = true;
    const topic = this.config.KAFKA_TOPIC;
    try {
      if (!this.lagAdmin) {
        const admin = this.kafka.admin();
        await admin.connect();
        this.lagAdmin = admin;
      }
      const [ends, stored] = await Promise.all([this.lagAdmin.fetchTopicOffsets(topic), this.store.storedOffsets(topic)]);
      const nowMs = Date.now();
      for (const o of ends) {
        // No stored position yet: the consumer starts from the earliest offset on the topic.
        if (owned.includes(o.partition)) this.lag.offsetsRead(o.partition, o.high, stored.get(o.partition) ?? o.low, nowMs);
      }
    } catch (e) {
      this.logger.warn({ err: (e as Error).message }, 'could not read offsets for the lag metrics');
      await this.lagAdmin?.disconnect().catch(() => undefined);
      this.lagAdmin = undefined;
    } finally {
      this.lagRefreshing = false;
    }
  }

  private async lowWatermark(topic: string, partition: number): Promise<string> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(topic);
      return offsets.find((o) => o.partition === partition)?.low ?? '0';
    } finally {
      await admin.disconnect();
    }
  }
}
