/**
 * A Kafka producer (idempotent, acks from all in-sync replicas) that sends one record set at a time, within a
 * deadline, and replaces its kafkajs producer after any send or connect that did not succeed.
 *
 * The reason is the idempotent producer's sequence numbers: kafkajs takes a failed request's numbers back for
 * the next request, but a request that timed out, or whose connection closed after it was sent, may have been
 * written all the same. A later request under the same numbers is then refused as out of order, for good (seen
 * in CI: the ingest answered 503 for minutes after the broker came back), or, with as many records per
 * partition, taken for a retry of the first and dropped while its sender was told it was written. kafkajs's own
 * retries resend the same records under the same numbers, which is safe only while nothing else is sent in
 * between: hence one send at a time. A new kafkajs producer gets a new producer id from the broker, so nothing
 * it sends can be mistaken for the old one's. A kafkajs producer whose connect failed halfway (to a broker that
 * hangs) keeps failing with "Broker not connected"; a new one does not.
 */
import type { Kafka, Message, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { Counter } from 'prom-client';
import { registry } from './metrics';

export type ReplaceReason = 'send_failed' | 'send_timeout' | 'connect_failed';

const producersReplaced = new Counter({
  name: 'kafka_producers_replaced_total',
  help: 'Kafka producers replaced, by reason: a send failed or passed its deadline, or a connect failed',
  labelNames: ['reason'] as const,
  registers: [registry],
});

/** A send or connect that did not succeed within the deadline; `message` says why. */
export class ProducerUnavailableError extends Error {}

export interface SerialProducerOptions {
  /** The bound on one send, waiting for earlier sends and connecting included. */
  deadlineMs: number;
  logger: Logger;
  /** Runs once after the first successful connect (e.g. creating the topics); a failure fails the connect. */
  onFirstConnect?: () => Promise<void>;
}

const ignore = (): void => undefined;

export class SerialProducer {
  private producer: Producer;
  private connected = false;
  private prepared = false;
  private connecting?: Promise<void>;
  private lastConnectError?: string;
  /** Settles when the send before the next one has ended, or has passed its deadline (and lost its producer). */
  private turn: Promise<void> = Promise.resolve();

  constructor(private readonly kafka: Kafka, private readonly options: SerialProducerOptions) {
    this.producer = this.newProducer();
  }

  get isConnected(): boolean {
    return this.connected;
  }

  /** Connects (within the deadline); a kafkajs producer that fails to connect is replaced. */
  connect(): Promise<void> {
    if (this.connected) return Promise.resolve();
    if (this.connecting) return this.connecting;
    const producer = this.producer;
    const connecting: Promise<void> = withDeadline(
      producer.connect().then(async () => {
        if (!this.prepared && this.options.onFirstConnect) await this.options.onFirstConnect();
        this.prepared = true;
      }),
      this.options.deadlineMs,
      `no connection to Kafka within ${this.options.deadlineMs} ms`,
    )
      .then(() => {
        if (producer !== this.producer) return;
        this.connected = true;
        this.lastConnectError = undefined;
        this.options.logger.info('connected to Kafka');
      })
      .catch((e: Error) => {
        this.replace(producer, 'connect_failed', e.message);
        throw new ProducerUnavailableError(e.message);
      })
      .finally(() => {
        if (this.connecting === connecting) this.connecting = undefined;
      });
    this.connecting = connecting;
    return connecting;
  }

  /** Starts connecting if not connected, without waiting (for readiness checks). */
  connectInBackground(): void {
    this.connect().catch(ignore);
  }

  /**
   * Sends `messages` to `topic` with acks from all in-sync replicas, after the sends before it. Resolves once the
   * broker acknowledged all of them; otherwise throws ProducerUnavailableError within the deadline (the messages
   * may still have been written: the caller retries, and readers ignore what they have seen).
   */
  send(topic: string, messages: Message[]): Promise<void> {
    const { deadlineMs } = this.options;
    let expired = false;
    let timer: NodeJS.Timeout | undefined;
    const expiry = new Promise<void>((resolve) => {
      timer = setTimeout(() => ((expired = true), resolve()), deadlineMs);
    });
    let sending: Producer | undefined;
    let ended = false;
    const send = this.turn.then(async () => {
      if (expired) throw new ProducerUnavailableError(`earlier sends held the Kafka producer for ${deadlineMs} ms`);
      await this.connect();
      if (expired) throw new ProducerUnavailableError(`no connection to Kafka within ${deadlineMs} ms`);
      if (!this.connected) throw new ProducerUnavailableError('the Kafka producer was replaced while connecting');
      sending = this.producer;
      try {
        await sending.send({ topic, acks: -1, timeout: deadlineMs, messages });
      } catch (e) {
        this.replace(sending, 'send_failed', (e as Error).message);
        throw new ProducerUnavailableError((e as Error).message);
      } finally {
        ended = true;
      }
    });
    // The next send waits until this one ends; at this one's deadline, its producer is replaced and the next
    // send goes on with a new one.
    this.turn = Promise.race([
      send.then(ignore, ignore),
      expiry.then(() => {
        if (sending && !ended) this.replace(sending, 'send_timeout', `no acknowledgement within ${deadlineMs} ms`);
      }),
    ]);
    const timedOut = expiry.then(() => {
      throw new ProducerUnavailableError(`no acknowledgement from Kafka within ${deadlineMs} ms`);
    });
    return Promise.race([send, timedOut]).finally(() => clearTimeout(timer));
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect().catch(ignore);
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
   * once (so that readiness recovers without traffic); after a failed connect, at the next send or check.
   */
  private replace(producer: Producer, reason: ReplaceReason, message: string): void {
    if (producer !== this.producer) return;
    this.producer = this.newProducer();
    this.connected = false;
    this.connecting = undefined;
    producersReplaced.inc({ reason });
    producer.disconnect().catch(ignore);
    if (reason === 'connect_failed') {
      // Logged once per distinct error, not at every request of an outage.
      if (message !== this.lastConnectError) this.options.logger.warn({ err: message }, 'cannot connect to Kafka');
      this.lastConnectError = message;
      return;
    }
    this.options.logger.warn({ reason, err: message }, 'Kafka producer replaced: a send ended without an acknowledgement');
    this.connectInBackground();
  }
}

function withDeadline<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
