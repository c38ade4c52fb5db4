/**
 * Replays the topic from its first offset into an empty database: the projector itself (same consumer,
 * same transactions), under a consumer group of its own, until it has applied everything that was on the
 * topic when the replay started. Reports events/s.
 */
import { kafkaClient } from '@app/platform';
import { openDatabase } from '@app/storage';
import { NestFactory } from '@nestjs/core';
import type { Logger } from 'pino';
import { ProjectorConfig } from '../projector.config';
import { ProjectorModule } from '../projector.module';
import { ProjectionStore } from '../store/projection-store';
import type { Progress } from './progress';
import { RebuildError } from './rebuild-error';

export interface ReplayResult {
  topic: string;
  groupId: string;
  messages: number;
  eventsApplied: number;
  duplicates: number;
  rejected: number;
  seconds: number;
  /** Messages taken off the topic per second (each applied, skipped as a duplicate or dead-lettered). */
  messagesPerSecond: number;
}

const POLL_MS = 500;
/** A replay that applies nothing for this long stops with an error instead of waiting for ever. */
const STALL_MS = 300_000;

export async function replayTopic(config: ProjectorConfig, o: { groupId?: string; progress: Progress; logger: Logger }): Promise<ReplayResult> {
  const topic = config.KAFKA_TOPIC;
  const kafka = kafkaClient('projector-replay', config.KAFKA_BROKERS);
  const admin = kafka.admin();
  await admin.connect();
  const db = await openDatabase(config.DATABASE_URL, { migrate: true, poolSize: config.PROJECTOR_CONCURRENCY + 2, applicationName: 'projector-replay' });
  try {
    const [{ used }] = await db.query('SELECT EXISTS (SELECT 1 FROM events) OR EXISTS (SELECT 1 FROM projector_offsets) AS used');
    if (used) throw new RebuildError('the database already holds projected events: replay fills an empty database (to re-project this one, use `rebuild`)');
    if (!(await admin.listTopics()).includes(topic)) throw new RebuildError(`topic ${topic} does not exist on ${config.KAFKA_BROKERS}`);
    const ends = await admin.fetchTopicOffsets(topic);
    const total = ends.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
    const groupId = o.groupId ?? `${config.PROJECTOR_GROUP_ID}-replay-${Date.now()}`;

    const startedAt = Date.now();
    o.progress.phase('replaying', total);
    const app = await NestFactory.createApplicationContext(ProjectorModule.register({ ...config, PROJECTOR_GROUP_ID: groupId }, db, o.logger), {
      logger: false,
    });
    try {
      const store = app.get(ProjectionStore);
      let progressAt = Date.now();
      let lastDone = -1;
      for (;;) {
        const stored = await store.storedOffsets(topic);
        let done = 0;
        let finished = true;
        for (const p of ends) {
          const at = BigInt(stored.get(p.partition) ?? p.low);
          const low = BigInt(p.low);
          const high = BigInt(p.high);
          done += Number((at < low ? low : at > high ? high : at) - low);
          if (at < high) finished = false;
        }
        o.progress.update(done);
        if (finished) break;
        if (done !== lastDone) [lastDone, progressAt] = [done, Date.now()];
        else if (Date.now() - progressAt > STALL_MS) {
          throw new RebuildError(`no progress for ${STALL_MS / 1000} s at ${done} of ${total} messages: is the broker up? (LOG_LEVEL=info shows the projector's retries)`);
        }
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    } finally {
      await app.close();
    }
    const seconds = (Date.now() - startedAt) / 1000;
    o.progress.stop();
    if (!o.groupId) await admin.deleteGroups([groupId]).catch(() => undefined);

    const [sums] = await db.query(
      'SELECT coalesce(sum(events_applied), 0)::bigint AS applied, coalesce(sum(duplicates), 0)::bigint AS duplicates, coalesce(sum(rejected), 0)::bigint AS rejected FROM projector_offsets',
    );
    return {
      topic,
      groupId,
      messages: total,
      eventsApplied: Number(sums.applied),
      duplicates: Number(sums.duplicates),
      rejected: Number(sums.rejected),
      seconds: Math.round(seconds * 10) / 10,
      messagesPerSecond: Math.round(total / seconds),
    };
  } finally {
    o.progress.stop();
    await db.destroy().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
}
