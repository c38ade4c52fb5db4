/** Kafka client settings shared by the services, idempotent topic creation, and the broker readiness probe. */
import { OnApplicationShutdown } from '@nestjs/common';
import { Admin, Kafka, logLevel } from 'kafkajs';
import { splitList } from './config';

export interface KafkaTimeouts {
  connectionTimeout: number;
  requestTimeout: number;
}

export function kafkaClient(clientId: string, brokers: string, retries = 3, timeouts: KafkaTimeouts = { connectionTimeout: 3000, requestTimeout: 5000 }): Kafka {
  return new Kafka({
    clientId,
    brokers: splitList(brokers),
    ...timeouts,
    retry: { retries, initialRetryTime: 100, maxRetryTime: 1000 },
    logLevel: logLevel.NOTHING,
  });
}

/**
 * Whether the broker serves the topic now, for `/health/ready`: the topic's offsets are fetched from its
 * partition leaders (no retries, so a check is bounded by the client's timeouts), at most every `cacheMs`.
 * A connected producer or a running consumer alone says nothing while the broker is down.
 */
export class BrokerProbe implements OnApplicationShutdown {
  private readonly kafka: Kafka;
  private admin?: Admin;
  private last?: { at: number; error?: string };
  private probing?: Promise<void>;

  constructor(brokers: string, private readonly topic: string, private readonly cacheMs = 2000) {
    this.kafka = kafkaClient('readiness-probe', brokers, 0);
  }

  async check(): Promise<void> {
    if (!this.last || Date.now() - this.last.at > this.cacheMs) {
      this.probing ??= this.probe().finally(() => (this.probing = undefined));
      await this.probing;
    }
    if (this.last?.error) throw new Error(`broker not serving ${this.topic}: ${this.last.error}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
  }

  private async probe(): Promise<void> {
    try {
      if (!this.admin) {
        const admin = this.kafka.admin();
        this.admin = admin;
        await admin.connect();
      }
      await this.admin.fetchTopicOffsets(this.topic);
      this.last = { at: Date.now() };
    } catch (e) {
      this.last = { at: Date.now(), error: (e as Error).message };
      await this.admin?.disconnect().catch(() => undefined);
      this.admin = undefined;
    }
  }
}

/** Creates the topics that do not exist yet (topic auto-creation is off on our brokers). */
export async function ensureTopics(kafka: Kafka, topics: string[], numPartitions: number, replicationFactor: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length > 0) {
      await admin.createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions, replicationFactor })) });
    }
  } finally {
    await admin.disconnect();
  }
}
