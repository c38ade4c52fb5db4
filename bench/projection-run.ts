/** Projects a pre-filled topic with a fresh projector and measures events/s from the first applied event to the last. */
import type { CloudEvent } from '@app/contract';
import { toMessages } from '../test/support/feed';
import { produce } from '../test/support/kafka';
import { eventually } from '../test/support/processes';
import { TestStack } from '../test/support/stack';
import { createTopic, peakRssMiB } from './bench-support';

export interface ProjectionRun {
  stack: TestStack;
  messages: number;
  distinct: number;
  eventsPerSecond: number;
  peakRssMiB: number | null;
}

/** The caller stops `run.stack` when done with it. */
export async function measureProjection(name: string, events: CloudEvent[], env: Record<string, string> = {}): Promise<ProjectionRun> {
  const stack = new TestStack(name, env);
  try {
    return await run(stack, events);
  } catch (e) {
    await stack.stop();
    throw e;
  }
}

async function run(stack: TestStack, events: CloudEvent[]): Promise<ProjectionRun> {
  const distinct = new Set(events.map((e) => `${e.source}\u0000${e.id}`)).size;
  await createTopic(stack.topic);
  await produce(stack.topic, toMessages(events));
  await stack.start(['query-api']);
  const projector = await stack.startApp('projector');
  const first = await eventually('the first event applied', async () => {
    const s = await stack.status();
    return s.eventsApplied > 0 ? { at: process.hrtime.bigint(), applied: s.eventsApplied + s.duplicates + s.rejected } : undefined;
  }, 60_000, 10);
  await eventually('the projector to catch up', async () => {
    const [{ n }] = await stack.sql<{ n: string }>('SELECT sum(next_offset)::bigint AS n FROM projector_offsets WHERE topic = $1', [stack.topic]);
    return Number(n) >= events.length ? true : undefined;
  }, 3_600_000, 20);
  const seconds = Number(process.hrtime.bigint() - first.at) / 1e9;
  return { stack, messages: events.length, distinct, eventsPerSecond: (events.length - first.applied) / seconds, peakRssMiB: peakRssMiB(projector.child.pid!) };
}
