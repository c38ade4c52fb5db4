/**
 * A Kafka producer (idempotent, acks from all in-sync replicas) that sends one record set at a time, within a
 * deadline, and replaces its kafkajs producer after any send or connect that did not succeed.
 *
 * The reason is the idempotent producer's sequence numbers. kafkajs takes a failed request's numbers back for
 * the next request, but a request that timed out, or whose connection closed after it was sent, may have been
 * written all the same. A later request under the same numbers is then refused as out of order, for good (seen
 * in CI: the ingest answered 503 for minutes after the broker came back), or, with as many records per
 * partition, taken for a retry of the first and dropped while its sender was told it was written.
 * kafkajs's own retries of one send reuse the numbers for the same records on the same partitions, which the
 * broker recognises as duplicates; that holds only while nothing else is sent in between (hence one send at a
 * time) and while a retry places every record where the first attempt did (hence `stablePartitioner`, and a
 * send in which a record moved anyway is not trusted). A send counts as written only when every partition it
 * used was acknowledged (`SendPlacement`). A new kafkajs producer gets a new producer id from the broker, so
 * nothing it sends can be mistaken for the old one's. A kafkajs producer whose connect failed halfway (to a
 * broker that hangs) keeps failing with "Broker not connected"; a new one does not.
 *
 * Each send gets few retries (kafkajs's default for this client was 3, with 5 s request timeouts) and timeouts
 * derived from the deadline, so that it ends by itself not long after the deadline. kafkajs reconnects during
 * its retries, even after the producer was disconnected (kafkajs issue #1438): a replaced producer is
 * disconnected again once its last send or connect has ended.
 */
import { Kafka, Message, Producer, ProducerConfig } from 'kafkajs';
import type { Logger } from 'pino';
import { Counter } from 'prom-client';
import { KafkaTimeouts, kafkaClient } from './kafka';
import { registry } from './metrics';
import { SendPlacement, stablePartitioner } from './partition-check';

export type ReplaceReason = 'send_failed' | 'send_timeout' | 'connect_failed' | 'partition_unacknowledged' | 'partition_moved';

const producersReplaced = new Counter({
  name: 'kafka_producers_replaced_total',
  help: 'Kafka producers replaced, by reason: a send failed, passed its deadline, left a partition unacknowledged or moved records between partitions on a retry, or a connect failed',
  labelNames: ['reason'] as const,
  registers: [registry],
});

/** kafkajs retries of one send (an idempotent producer needs at least one), and the backoff between them. */
const SEND_RETRY = { retries: 2, initialRetryTime: 100, maxRetryTime: 500 };

/**
 * Timeouts for one attempt: three attempts of a request and a metadata refresh each stay near the deadline. The
 * broker's own wait for the in-sync replicas (`ackTimeout`) ends before the client gives up on the request.
 */
export function producerTimeouts(deadlineMs: number): KafkaTimeouts & { ackTimeout: number } {
  const requestTimeout = Math.min(5000, Math.max(1000, Math.floor(deadlineMs / 3)));
  return { requestTimeout, connectionTimeout: Math.min(3000, requestTimeout), ackTimeout: Math.max(500, requestTimeout - 500) };
}

/** A send or connect that did not succeed within the deadline, or after `disconnect`; `message` says why. */
export class ProducerUnavailableError extends Error {}

export interface SerialProducerOptions {
  brokers: string;
  clientId: string;
  /** The bound on one send, waiting for earlier sends and connecting included. */
  deadlineMs: number;
  logger: Logger;
  /** Runs once after the first successful connect (e.g. creating the topics); a failure fails the connect. */
  onFirstConnect?: () => Promise<void>;
  /** Makes a kafkajs producer from the client and the config given; `kafka.producer(config)` unless set (tests). */
  createProducer?: (kafka: Kafka, config: ProducerConfig) => Producer;
}

/** A kafkajs producer and where its partitioner put the current send's records. */
interface Handle {
  producer: Producer;
  placement: SendPlacement;
}

const ignore = (): void => undefined;

export class SerialProducer {
  private readonly kafka: Kafka;
  /** The broker's wait for the in-sync replicas on each produce request. */
  private readonly ackTimeout: number;
  private current: Handle;
  private connected = false;
  private prepared = false;
  private closed = false;
  private connecting?: Promise<void>;
  private lastConnectError?: string;
  /** Settles when the send before the next one has ended, or has passed its deadline (and lost its producer). */
  private turn: Promise<void> = Promise.resolve();

  constructor(private readonly options: SerialProducerOptions) {
    const { requestTimeout, connectionTimeout, ackTimeout } = producerTimeouts(options.deadlineMs);
    this.ackTimeout = ackTimeout;
    this.kafka = kafkaClient(options.clientId, options.brokers, SEND_RETRY.retries, { requestTimeout, connectionTimeout });
    this.current = this.newHandle();
  }

  /**
   * Whether the current kafkajs producer has connected (and holds a producer id). It says nothing about whether
   * the broker answers now: readiness asks the broker itself (BrokerProbe).
   */
  get isConnected(): boolean {
    return this.connected;
  }

  /** Connects (within the deadline); a kafkajs producer that fails to connect is replaced. */
  connect(): Promise<void> {
    if (this.closed) return Promise.reject(new ProducerUnavailableError('the Kafka producer is closed'));
    if (this.connected) return Promise.resolve();
    if (this.connecting) return this.connecting;
    const handle = this.current;
    const raw = handle.producer.connect();
    // A connect that succeeds after its deadline, when the producer was already replaced, must not leave a
    // connection open.
    raw.catch(ignore).then(() => this.disconnectIfReplaced(handle));
    const connecting: Promise<void> = withDeadline(
      raw.then(async () => {
        if (!this.prepared && this.options.onFirstConnect) await this.options.onFirstConnect();
        this.prepared = true;
      }),
      this.options.deadlineMs,
      `no connection to Kafka within ${this.options.deadlineMs} ms`,
    )
      .then(() => {
        if (handle !== this.current) return;
        this.connected = true;
        this.lastConnectError = undefined;
        this.options.logger.info('connected to Kafka');
      })
      .catch((e: Error) => {
        this.replace(handle, 'connect_failed', e.message);
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
    if (!this.closed) this.connect().catch(ignore);
  }

  /**
   * Sends `messages` to `topic` with acks from all in-sync replicas, after the sends before it. Resolves once the
   * broker acknowledged all of them; otherwise throws ProducerUnavailableError within the deadline (the messages
   * may still have been written: the caller retries, and readers ignore what they have seen).
   */
  send(topic: string, messages: Message[]): Promise<void> {
    if (this.closed) return Promise.reject(new ProducerUnavailableError('the Kafka producer is closed'));
    const { deadlineMs } = this.options;
    let expired = false;
    let timer: NodeJS.Timeout | undefined;
    const expiry = new Promise<void>((resolve) => {
      timer = setTimeout(() => ((expired = true), resolve()), deadlineMs);
    });
    let sending: Handle | undefined;
    let ended = false;
    const send = this.turn.then(async () => {
      if (expired) throw new ProducerUnavailableError(`earlier sends held the Kafka producer for ${deadlineMs} ms`);
      await this.connect();
      if (expired) throw new ProducerUnavailableError(`no connection to Kafka within ${deadlineMs} ms`);
      if (!this.connected) throw new ProducerUnavailableError('the Kafka producer was replaced while connecting');
      const handle = (sending = this.current);
      handle.placement.reset();
      try {
        const acknowledged = await handle.producer.send({ topic, acks: -1, timeout: this.ackTimeout, messages });
        const problem = handle.placement.problem(acknowledged);
        if (problem) {
          this.replace(handle, problem.reason, problem.message);
          throw new ProducerUnavailableError(problem.message);
        }
      } catch (e) {
        if (e instanceof ProducerUnavailableError) throw e;
        this.replace(handle, 'send_failed', (e as Error).message);
        throw new ProducerUnavailableError((e as Error).message);
      } finally {
        ended = true;
        // Replaced while this send went on (past its deadline): the producer was disconnected then, but its
        // retries may have connected again.
        this.disconnectIfReplaced(handle);
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

  /**
   * Closes: sends and connects are refused from now on (queued sends included); a send already past its connect
   * may end (within the deadline); then the kafkajs producer disconnects.
   */
  async disconnect(): Promise<void> {
    this.closed = true;
    await withDeadline(Promise.all([this.turn, this.connecting?.catch(ignore)]), this.options.deadlineMs, 'closing').catch(ignore);
    this.connected = false;
    await this.current.producer.disconnect().catch(ignore);
  }

  private newHandle(): Handle {
    const placement = new SendPlacement();
    const config: ProducerConfig = {
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      retry: SEND_RETRY,
      createPartitioner: () => stablePartitioner((topic, partition, message) => placement.record(topic, partition, message)),
    };
    const producer = this.options.createProducer ? this.options.createProducer(this.kafka, config) : this.kafka.producer(config);
    const handle = { producer, placement };
    producer.on(producer.events.DISCONNECT, () => {
      if (handle === this.current) this.connected = false;
    });
    return handle;
  }

  /** Disconnects `handle`'s producer if it is no longer the current one (kafkajs may have reconnected it). */
  private disconnectIfReplaced(handle: Handle): void {
    if (handle !== this.current) handle.producer.disconnect().catch(ignore);
  }

  /**
   * Replaces `handle` (if it is still the current one) with a new one. After a send, the new one connects at
   * once (so that readiness recovers without traffic); after a failed connect, at the next send or check.
   */
  private replace(handle: Handle, reason: ReplaceReason, message: string): void {
    if (handle !== this.current) return;
    this.current = this.newHandle();
    this.connected = false;
    this.connecting = undefined;
    producersReplaced.inc({ reason });
    handle.producer.disconnect().catch(ignore);
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
