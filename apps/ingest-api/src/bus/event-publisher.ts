/**
 * Publishes accepted events on Kafka: idempotent producer, acks from all in-sync replicas, one request's events
 * at a time (SerialProducer says why). `publish` resolves only once the broker acknowledged every message;
 * otherwise it throws BusUnavailableError within KAFKA_SEND_TIMEOUT_MS.
 */
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CloudEvent, toMessage } from '@app/contract';
import { LOGGER, SerialProducer, ensureTopics, kafkaClient } from '@app/platform';
import type { Logger } from 'pino';
import { IngestConfig } from '../ingest.config';

export class BusUnavailableError extends Error {}

@Injectable()
export class EventPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly producer: SerialProducer;

  constructor(private readonly config: IngestConfig, @Inject(LOGGER) private readonly logger: Logger) {
    const kafka = kafkaClient('ingest-api', config.KAFKA_BROKERS);
    const { KAFKA_TOPIC, KAFKA_TOPIC_PARTITIONS, KAFKA_REPLICATION_FACTOR } = config;
    this.producer = new SerialProducer({
      brokers: config.KAFKA_BROKERS,
      clientId: 'ingest-api',
      deadlineMs: config.KAFKA_SEND_TIMEOUT_MS,
      logger,
      onFirstConnect: () => ensureTopics(kafka, [KAFKA_TOPIC], KAFKA_TOPIC_PARTITIONS, KAFKA_REPLICATION_FACTOR),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    // The API starts even when the broker is down: requests get 503 until it is back.
    await this.producer.connect().catch((e) => this.logger.warn({ err: e.message }, 'Kafka not reachable at start'));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
  }

  get isConnected(): boolean {
    return this.producer.isConnected;
  }

  /** Starts connecting if not connected (for readiness checks, which must not wait for it). */
  connectInBackground(): void {
    this.producer.connectInBackground();
  }

  async publish(events: CloudEvent[]): Promise<void> {
    try {
      await this.producer.send(this.config.KAFKA_TOPIC, events.map(toMessage));
    } catch (e) {
      throw new BusUnavailableError((e as Error).message);
    }
  }
}
