import { Kafka, Message, PartitionMetadata, Producer, ProducerConfig, RecordMetadata } from 'kafkajs';
import pino from 'pino';
import { registry } from './metrics';
import { ProducerUnavailableError, ReplaceReason, SerialProducer, producerTimeouts } from './serial-producer';

describe('producerTimeouts', () => {
  it('keeps three attempts of a request and a metadata refresh near the deadline', () => {
    for (const deadline of [2000, 8000, 15000]) {
      const { requestTimeout, connectionTimeout, ackTimeout } = producerTimeouts(deadline);
      expect(3 * requestTimeout).toBeLessThanOrEqual(Math.max(deadline, 3000));
      expect(connectionTimeout).toBeLessThanOrEqual(requestTimeout);
      expect(ackTimeout).toBeLessThan(requestTimeout);
    }
    expect(producerTimeouts(8000)).toEqual({ requestTimeout: 2666, connectionTimeout: 2666, ackTimeout: 2166 });
    expect(producerTimeouts(60000)).toEqual({ requestTimeout: 5000, connectionTimeout: 3000, ackTimeout: 4500 });
  });
});

const partitions = (n: number): PartitionMetadata[] =>
  Array.from({ length: n }, (_, partitionId) => ({ partitionId, leader: 1, replicas: [1], isr: [1], partitionErrorCode: 0, offlineReplicas: [] }));

/** What a fake kafkajs producer's send does: the partition counts its attempts see, and what it answers. */
interface Behaviour {
  /** Partition count seen by each attempt (kafkajs re-partitions at every retry). */
  attempts: number[];
  /** Acknowledgements to resolve with, from the partitions the last attempt used; all of them unless set. */
  ack?: (used: number[]) => number[];
  /** Makes the send wait for this before answering. */
  hold?: Promise<void>;
}

/** A stand-in for one kafkajs producer, driving the partitioner the SerialProducer gives it. */
class FakeProducer {
  connects = 0;
  disconnects = 0;
  sends = 0;
  connectResult: Promise<void> = Promise.resolve();
  private readonly partitioner: ReturnType<NonNullable<ProducerConfig['createPartitioner']>>;
  private readonly listeners: Array<() => void> = [];
  readonly events = { DISCONNECT: 'producer.disconnect' };

  constructor(config: ProducerConfig, private readonly behaviour: () => Behaviour) {
    this.partitioner = config.createPartitioner!();
  }

  connect(): Promise<void> {
    this.connects++;
    return this.connectResult;
  }

  async disconnect(): Promise<void> {
    this.disconnects++;
    this.listeners.forEach((l) => l());
  }

  on(_event: string, listener: () => void): () => void {
    this.listeners.push(listener);
    return () => undefined;
  }

  async send({ topic, messages }: { topic: string; messages: Message[] }): Promise<RecordMetadata[]> {
    this.sends++;
    const { attempts, ack, hold } = this.behaviour();
    let used: number[] = [];
    for (const n of attempts) {
      used = [...new Set(messages.map((message) => this.partitioner({ topic, partitionMetadata: partitions(n), message })))];
    }
    if (hold) await hold;
    return (ack ? ack(used) : used).map((partition) => ({ topicName: topic, partition, errorCode: 0 }));
  }
}

async function replaced(reason: ReplaceReason): Promise<number> {
  const metric = await registry.getSingleMetric('kafka_producers_replaced_total')!.get();
  return metric.values.find((v) => v.labels.reason === reason)?.value ?? 0;
}

function setUp(deadlineMs = 2000) {
  let behaviour: Behaviour = { attempts: [6] };
  const made: FakeProducer[] = [];
  const producer = new SerialProducer({
    brokers: '127.0.0.1:1',
    clientId: 'unit',
    deadlineMs,
    logger: pino({ level: 'silent' }),
    createProducer: (_kafka: Kafka, config: ProducerConfig) => {
      const fake = new FakeProducer(config, () => behaviour);
      made.push(fake);
      return fake as unknown as Producer;
    },
  });
  return { producer, made, behave: (b: Behaviour) => (behaviour = b) };
}

const batch = (n: number): Message[] => Array.from({ length: n }, (_, i) => ({ key: `dossier-${i}`, value: `{"n":${i}}` }));

describe('SerialProducer', () => {
  it('resolves a send whose every partition was acknowledged, and keeps its producer', async () => {
    const { producer, made } = setUp();
    await producer.send('t', batch(50));
    await producer.send('t', batch(50));
    expect(made).toHaveLength(1);
    expect(made[0].sends).toBe(2);
  });

  it('refuses a send that kafkajs resolved without acknowledging a partition it used, and replaces the producer', async () => {
    const { producer, made, behave } = setUp();
    const before = await replaced('partition_unacknowledged');
    behave({ attempts: [6], ack: (used) => used.slice(1) });
    await expect(producer.send('t', batch(50))).rejects.toThrow(/no acknowledgement for t\[\d\]/);
    expect(await replaced('partition_unacknowledged')).toBe(before + 1);
    behave({ attempts: [6] });
    await producer.send('t', batch(50));
    expect(made.length).toBeGreaterThanOrEqual(2);
    expect(made[0].disconnects).toBeGreaterThanOrEqual(1);
    expect(made[made.length - 1].sends).toBe(1);
  });

  it('refuses a send in which a retry put records on other partitions (the partition count changed)', async () => {
    const { producer, behave } = setUp();
    const before = await replaced('partition_moved');
    behave({ attempts: [6, 12] });
    await expect(producer.send('t', batch(50))).rejects.toThrow(/moved between partitions/);
    expect(await replaced('partition_moved')).toBe(before + 1);
  });

  it('trusts retries that place every record where the first attempt did', async () => {
    const { producer, behave } = setUp();
    behave({ attempts: [6, 6, 6] });
    await expect(producer.send('t', [...batch(20), { key: null, value: 'keyless' }])).resolves.toBeUndefined();
  });

  it('answers within the deadline when a send hangs, and disconnects that producer again once its send ends', async () => {
    const { producer, made, behave } = setUp(300);
    let release = (): void => undefined;
    behave({ attempts: [6], hold: new Promise<void>((r) => (release = r)) });
    const before = await replaced('send_timeout');
    await expect(producer.send('t', batch(5))).rejects.toThrow('within 300 ms');
    await new Promise((r) => setImmediate(r));
    expect(await replaced('send_timeout')).toBe(before + 1);
    const hung = made[0];
    const disconnectsAtReplace = hung.disconnects;
    behave({ attempts: [6] });
    await producer.send('t', batch(5));
    release();
    await new Promise((r) => setTimeout(r, 10));
    expect(hung.disconnects).toBeGreaterThan(disconnectsAtReplace);
  });

  it('disconnects a producer whose connect succeeded after its deadline', async () => {
    const { producer, made } = setUp(200);
    let connectLate = (): void => undefined;
    made[0].connectResult = new Promise<void>((r) => (connectLate = r));
    await expect(producer.connect()).rejects.toThrow('no connection to Kafka within 200 ms');
    const disconnectsAtReplace = made[0].disconnects;
    connectLate();
    await new Promise((r) => setTimeout(r, 10));
    expect(made[0].disconnects).toBe(disconnectsAtReplace + 1);
    await producer.connect();
    expect(made).toHaveLength(2);
    expect(producer.isConnected).toBe(true);
  });
});

describe('SerialProducer after disconnect', () => {
  it('refuses sends and connects at once instead of reconnecting', async () => {
    const { producer, made } = setUp();
    await producer.disconnect();
    await expect(producer.send('t', batch(1))).rejects.toBeInstanceOf(ProducerUnavailableError);
    await expect(producer.connect()).rejects.toThrow('closed');
    producer.connectInBackground();
    expect(producer.isConnected).toBe(false);
    expect(made.reduce((n, fake) => n + fake.connects, 0)).toBe(0);
  });

  it('lets a send already under way end, refuses the queued ones, then disconnects', async () => {
    const { producer, made, behave } = setUp();
    let release = (): void => undefined;
    behave({ attempts: [6], hold: new Promise<void>((r) => (release = r)) });
    const running = producer.send('t', batch(5));
    await new Promise((r) => setTimeout(r, 10));
    const queued = producer.send('t', batch(5)).catch((e) => e);
    const closing = producer.disconnect();
    await new Promise((r) => setTimeout(r, 10));
    expect(made[0].disconnects).toBe(0);
    release();
    await expect(running).resolves.toBeUndefined();
    expect(await queued).toBeInstanceOf(ProducerUnavailableError);
    await closing;
    expect(made[0].disconnects).toBe(1);
    expect(made[0].sends).toBe(1);
  });
});
