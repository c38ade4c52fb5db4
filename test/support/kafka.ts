/** Direct access to the real broker for tests: a kafkajs producer, and kcat as an independent client. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Kafka, logLevel, Message } from 'kafkajs';
import { KAFKA_BROKERS } from './stack';

const run = promisify(execFile);

export async function produce(topic: string, messages: Message[]): Promise<void> {
  const kafka = new Kafka({ clientId: 'tests', brokers: KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    for (let i = 0; i < messages.length; i += 5000) await producer.send({ topic, acks: -1, messages: messages.slice(i, i + 5000) });
  } finally {
    await producer.disconnect();
  }
}

/** Sends one raw message with kcat (bytes exactly as given, key optional). */
export async function kcatProduce(topic: string, value: string, key?: string): Promise<void> {
  const args = ['-P', '-b', KAFKA_BROKERS, '-t', topic, ...(key ? ['-K', '\t'] : [])];
  await new Promise<void>((resolve, reject) => {
    const child = require('node:child_process').spawn('kcat', args, { stdio: ['pipe', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('exit', (code: number) => (code === 0 ? resolve() : reject(new Error(`kcat exited ${code}: ${err}`))));
    child.stdin.end((key ? `${key}\t` : '') + value + '\n');
  });
}

export interface ConsumedMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** Reads a whole topic from the beginning with kcat and exits at its end. */
export async function kcatConsumeAll(topic: string): Promise<ConsumedMessage[]> {
  const { stdout } = await run('kcat', ['-C', '-b', KAFKA_BROKERS, '-t', topic, '-o', 'beginning', '-e', '-q', '-J'], { maxBuffer: 64 * 1024 * 1024 });
  return stdout
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const m = JSON.parse(l);
      const headers: Record<string, string> = {};
      const h: string[] = m.headers ?? [];
      for (let i = 0; i < h.length; i += 2) headers[h[i]] = h[i + 1];
      return { key: m.key, value: m.payload, headers };
    });
}

export async function topicEndOffsets(topic: string): Promise<number> {
  const kafka = new Kafka({ clientId: 'tests', brokers: KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((n, o) => n + Number(o.high), 0);
  } finally {
    await admin.disconnect();
  }
}
