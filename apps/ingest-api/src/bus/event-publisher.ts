/**
 * Publishes accepted events on Kafka with the idempotent producer and acks from all in-sync replicas.
 * `publish` resolves only once the broker acknowledged every message; otherwise it throws
 * BusUnavailableError within the configured deadline.
 *
 * Sends go one at a time, and a send that did not end in an acknowledgement retires its producer. The reason is
 * the idempotent producer's sequence numbers: kafkajs takes a failed request's numbers back for the next one,
 * but a request that timed out, or whose connection closed after it was sent, may still have been written. A
 * later request under the same numbers would then be refused as out of order, for good (the ingest answered
 * 503 until it was restarted), or, with as many records per partition, taken for the first one's retry and
 * dropped while its client got 202. kafkajs's own retries resend the same records under the same numbers,
 * which is safe only while no other request is sent in between; hence one send at a time. A new producer gets
 * a new producer id from the broker, so nothing it sends can be mistaken for the old one's.
 */
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CloudEvent, toMessage } from '@app/contract';
import { LOGGER, ensureTopics, kafkaClient, registry } from '@app/platform';
import { Kafka, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { Counter } from 'prom-client';
import { IngestConfig } from '../ingest.config';

export class BusUnavailableError extends Error {}

type RetireReason = 'send_failed' | 'send_timeout' | 'connect_failed';

const producersReplaced = new Counter({
  name: 'ingest_kafka_producers_replaced_total',
  help: 'Kafka producers replaced, by reason: a send failed or passed its deadline, or a connect failed',
  labelNames: ['reason'] as const,
  registers: [registry],
});

const ignore = (): void => undefined;

@Injectable()
export class EventPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly kafka: Kafka;
  private producer: Producer;
  private connected = false;
  private topicReady = false;
  private connecting?: Promise<void>;
  private lastConnectError?: string;
  /** Settles when the send before the next one has ended, or has passed its deadline (and retired its producer). */
  private turn: Promise<void> = Promise.resolve();

  constructor(private readonly config: IngestConfig, @Inject(LOGGER) private readonly logger: Logger) {
    this.kafka = kafkaClient('ingest-api', config.KAFKA_BROKERS);
    this.producer = this.newProducer();
  }

  async onApplicationBootstrap(): Promise<void> {
    // The API starts even when the broker is down: requests get 503 until it is back.
    await this.connect().catch((e) => this.logger.warn({ err: e.message }, 'Kafka not reachable at start'));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect().catch(ignore);
  }

  get isConnected(): boolean {
    return this.connected;
  }

  /** Starts connecting if not connected (for readiness checks, which must not wait for it). */
  connectInBackground(): void {
    this.connect().catch(ignore);
  }

  async publish(events: CloudEvent[]): Promise<void> {
    const deadline = this.config.KAFKA_SEND_TIMEOUT_MS;
    let expired = false;
    let timer: NodeJS.Timeout | undefined;
    const expiry = new Promise<void>((resolve) => {
      timer = setTimeout(() => ((expired = true), resolve()), deadline);
    });
    let sending: Producer | undefined;
    let ended = false;
    const send = this.turn.then(async () => {
      if (expired) throw new BusUnavailableError(`earlier requests held the Kafka producer for ${deadline} ms`);
      await this.connect();
      if (expired) throw new BusUnavailableError(`no connection to Kafka within ${deadline} ms`);
      if (!this.connected) throw new BusUnavailableError('the Kafka producer was replaced while connecting');
      sending = this.producer;
      try {
        await sending.send({ topic: this.config.KAFKA_TOPIC, acks: -1, timeout: deadline, messages: events.map(toMessage) });
      } catch (e) {
        this.retire(sending, 'send_failed', (e as Error).message);
        throw e;
      } finally {
        ended = true;
      }
    });
    // The next send waits until this one ends; at this one's deadline, its producer is retired and the next
    // send goes on with a new one.
    this.turn = Promise.race([
      send.then(ignore, ignore),
      expiry.then(() => {
        if (sending && !ended) this.retire(sending, 'send_timeout', `no acknowledgement within ${deadline} ms`);
      }),
    ]);
    try {
      await Promise.race([
        send,
        expiry.then(() => {
          throw new BusUnavailableError(`no acknowledgement from Kafka within ${deadline} ms`);
        }),
      ]);
    } catch (e) {
      if (e instanceof BusUnavailableError) throw e;
      throw new BusUnavailableError((e as Error).message);
    } finally {
      clearTimeout(timer);
    }
  }

  private newProducer(): Producer {
    const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    producer.on(producer.events.DISCONNECT, () => {
      if (producer === this.producer) this.connected = false;
    });
    return producer;
  }

  /**
   * Replaces `producer` (if it is still the current one) with a new one. After a send, the new one connects at
   * once (so that readiness recovers without traffic); after a failed connect, at the next request or check.
   */
  private retire(producer: Producer, reason: RetireReason, message: string): void {
    if (producer !== this.producer) return;
    this.producer = this.newProducer();
    this.connected = false;
    this.connecting = undefined;
    producersReplaced.inc({ reason });
    producer.disconnect().catch(ignore);
    if (reason === 'connect_failed') {
      // A kafkajs producer whose connect failed halfway (a broker that hangs) keeps failing with "Broker not
      // connected"; a new one does not. Logged once per distinct error, not at every request of an outage.
      if (message !== this.lastConnectError) this.logger.warn({ err: message }, 'cannot connect to Kafka');
      this.lastConnectError = message;
      return;
    }
    this.logger.warn({ reason, err: message }, 'Kafka producer replaced: a send ended without an acknowledgement');
    this.connectInBackground();
  }

  /** Connects the current producer, within the send deadline; a producer that fails to connect is replaced. */
  private connect(): Promise<void> {
    if (this.connected) return Promise.resolve();
    if (this.connecting) return this.connecting;
    const producer = this.producer;
    const deadline = this.config.KAFKA_SEND_TIMEOUT_MS;
    let timer: NodeJS.Timeout | undefined;
    const connecting: Promise<void> = Promise.race([
      producer.connect().then(async () => {
        if (!this.topicReady) await this.ensureTopic();
      }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no connection within ${deadline} ms`)), deadline);
      }),
    ])
      .then(() => {
        if (producer !== this.producer) return;
        this.connected = true;
        this.lastConnectError = undefined;
        this.logger.info('connected to Kafka');
      })
      .catch((e: Error) => {
        this.retire(producer, 'connect_failed', e.message);
        throw e;
      })
      .finally(() => {
        clearTimeout(timer);
        if (this.connecting === connecting) this.connecting = undefined;
      });
    this.connecting = connecting;
    return connecting;
  }

  private async ensureTopic(): Promise<void> {
    const { KAFKA_TOPIC, KAFKA_TOPIC_PARTITIONS, KAFKA_REPLICATION_FACTOR } = this.config;
    await ensureTopics(this.kafka, [KAFKA_TOPIC], KAFKA_TOPIC_PARTITIONS, KAFKA_REPLICATION_FACTOR);
    this.topicReady = true;
  }
}
