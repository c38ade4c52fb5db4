/**
 * Publishes accepted events on Kafka with the idempotent producer and acks from all in-sync replicas.
 * `publish` resolves only once the broker acknowledged every message; otherwise it throws
 * BusUnavailableError within the configured deadline.
 */
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CloudEvent, toMessage } from '@app/contract';
import { LOGGER, ensureTopics, kafkaClient } from '@app/platform';
import { Kafka, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { IngestConfig } from '../ingest.config';

export class BusUnavailableError extends Error {}

@Injectable()
export class EventPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private connected = false;
  private topicReady = false;
  private connecting?: Promise<void>;

  constructor(private readonly config: IngestConfig, @Inject(LOGGER) private readonly logger: Logger) {
    this.kafka = kafkaClient('ingest-api', config.KAFKA_BROKERS);
    this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    this.producer.on(this.producer.events.DISCONNECT, () => (this.connected = false));
  }

  async onApplicationBootstrap(): Promise<void> {
    // The API starts even when the broker is down: requests get 503 until it is back.
    await this.connect().catch((e) => this.logger.warn({ err: e.message }, 'Kafka not reachable at start'));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect().catch(() => undefined);
  }

  get isConnected(): boolean {
    return this.connected;
  }

  async publish(events: CloudEvent[]): Promise<void> {
    const deadline = this.config.KAFKA_SEND_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new BusUnavailableError(`no acknowledgement from Kafka within ${deadline} ms`)), deadline);
    });
    try {
      await Promise.race([
        (async () => {
          await this.connect();
          await this.producer.send({ topic: this.config.KAFKA_TOPIC, acks: -1, timeout: deadline, messages: events.map(toMessage) });
        })(),
        timeout,
      ]);
    } catch (e) {
      if (e instanceof BusUnavailableError) throw e;
      throw new BusUnavailableError((e as Error).message);
    } finally {
      clearTimeout(timer);
    }
  }

  private connect(): Promise<void> {
    if (this.connected) return Promise.resolve();
    this.connecting ??= this.producer
      .connect()
      .then(async () => {
        if (!this.topicReady) await this.ensureTopic();
        this.connected = true;
        this.logger.info('connected to Kafka');
      })
      .finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async ensureTopic(): Promise<void> {
    const { KAFKA_TOPIC, KAFKA_TOPIC_PARTITIONS, KAFKA_REPLICATION_FACTOR } = this.config;
    await ensureTopics(this.kafka, [KAFKA_TOPIC], KAFKA_TOPIC_PARTITIONS, KAFKA_REPLICATION_FACTOR);
    this.topicReady = true;
  }
}
