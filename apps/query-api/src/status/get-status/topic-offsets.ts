/** The topic's end offsets, from Kafka, to measure how far the projector lags. */
import { kafkaClient } from '@app/platform';
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { Admin } from 'kafkajs';
import { QueryConfig } from '../../query.config';

@Injectable()
export class TopicOffsets implements OnApplicationShutdown {
  private admin?: Admin;

  constructor(private readonly config: QueryConfig) {}

  /** End offset per partition, or null when Kafka does not answer within two seconds. */
  async endOffsets(): Promise<Map<number, bigint> | null> {
    try {
      const offsets = await Promise.race([
        this.connected().then((admin) => admin.fetchTopicOffsets(this.config.KAFKA_TOPIC)),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref()),
      ]);
      return new Map(offsets.map((o) => [o.partition, BigInt(o.high)]));
    } catch {
      await this.admin?.disconnect().catch(() => undefined);
      this.admin = undefined;
      return null;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
  }

  private async connected(): Promise<Admin> {
    if (!this.admin) {
      const admin = kafkaClient('query-api', this.config.KAFKA_BROKERS).admin();
      await admin.connect();
      this.admin = admin;
    }
    return this.admin;
  }
}
