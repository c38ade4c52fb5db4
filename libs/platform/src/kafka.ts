/** Kafka client settings shared by the services, and idempotent topic creation. */
import { Kafka, logLevel } from 'kafkajs';
import { splitList } from './config';

export function kafkaClient(clientId: string, brokers: string): Kafka {
  return new Kafka({
    clientId,
    brokers: splitList(brokers),
    connectionTimeout: 3000,
    requestTimeout: 5000,
    retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 1000 },
    logLevel: logLevel.NOTHING,
  });
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
