/** The hub's scheduling with a fake clock: shared computations, coalescing to one a second, midnight, 404. */
import { localToday } from '@app/indicators';
import { NotFoundException } from '@nestjs/common';
import type { Logger } from 'pino';
import type { QueryConfig } from '../query.config';
import type { ProjectionsChange, ProjectionsListener } from './projections-listener';
import type { Snapshot, SnapshotReader } from './snapshot';
import { SnapshotHub, SnapshotSubscriber } from './snapshot-hub';
import { contentHash, formatSnapshotId } from './snapshot-id';

describe('the snapshot hub', () => {
  let numbers: Record<string, number>;
  let position: bigint;
  let reads: { agency: string; day: string }[];
  let emit: (change: ProjectionsChange) => void;
  let hub: SnapshotHub;

  const reader = {
    read: async (agency: string, nowMs: number): Promise<Snapshot> => {
      if (!(agency in numbers)) throw new NotFoundException();
      const day = localToday(nowMs);
      reads.push({ agency, day });
      const parsedId = { day, position, hash: contentHash(`${agency}:${day}:${numbers[agency]}`) };
      const body = { agency, asOf: new Date(nowMs).toISOString(), received: numbers[agency], day } as never;
      return { id: formatSnapshotId(parsedId), parsedId, body, json: JSON.stringify(body) };
    },
  } as unknown as SnapshotReader;
  const listener = { onChanged: (h: (c: ProjectionsChange) => void) => ((emit = h), () => undefined) } as unknown as ProjectionsListener;
  const logger = { warn: () => undefined } as unknown as Logger;
  const change = (topic = 'events') => emit({ topic, partition: 0, nextOffset: Number(++position), applied: 1 });
  const client = () => {
    const seen: Snapshot[] = [];
    const subscriber: SnapshotSubscriber & { seen: Snapshot[] } = { seen, deliver: (s) => seen.push(s), close: () => undefined };
    return subscriber;
  };

  beforeEach(() => {
    jest.useFakeTimers({ now: Date.parse('2026-11-28T23:59:50+07:00') });
    numbers = { QT: 1, 'QT-H': 1 };
    position = 0n;
    reads = [];
    hub = new SnapshotHub(reader, listener, { KAFKA_TOPIC: 'events' } as QueryConfig, logger);
    hub.onModuleInit();
  });
  afterEach(() => {
    hub.beforeApplicationShutdown();
    jest.useRealTimers();
  });

  it('computes once per agency for all its clients, and refuses an unknown agency', async () => {
    const [a, b] = [client(), client()];
    const [sa, sb] = await Promise.all([hub.subscribe('QT', a), hub.subscribe('QT', b)]);
    expect(reads).toHaveLength(1);
    expect(sa.current.id).toBe(sb.current.id);
    await expect(hub.subscribe('NOPE', client())).rejects.toBeInstanceOf(NotFoundException);

    await jest.advanceTimersByTimeAsync(1000);
    numbers.QT = 2;
    change();
    await jest.advanceTimersByTimeAsync(0);
    expect(reads).toHaveLength(2);
    expect(a.seen.map((s) => s.body)).toEqual([expect.objectContaining({ received: 2 })]);
    expect(b.seen).toHaveLength(1);
  });

  it('coalesces changes into at most one computation a second, and sends only changed numbers', async () => {
    const c = client();
    await hub.subscribe('QT', c);
    const received = () => c.seen.map((s) => (s.body as unknown as { received: number }).received);
    for (let i = 0; i < 10; i++) {
      numbers.QT++;
      change();
      await jest.advanceTimersByTimeAsync(90);
    }
    expect(reads).toHaveLength(1); // nothing sooner than a second after the computation at subscription
    await jest.advanceTimersByTimeAsync(100);
    expect(reads).toHaveLength(2); // the whole burst, in one computation
    expect(received()).toEqual([11]);

    numbers.QT++;
    change();
    await jest.advanceTimersByTimeAsync(0);
    expect(reads).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(1000);
    expect(reads).toHaveLength(3);
    expect(received()).toEqual([11, 12]);

    change(); // numbers unchanged: computed, not sent
    change('another-topic'); // not ours: not even computed
    await jest.advanceTimersByTimeAsync(2000);
    expect(reads).toHaveLength(4);
    expect(c.seen).toHaveLength(2);
  });

  it('recomputes at local midnight without any event, and forgets agencies nobody watches', async () => {
    const c = client();
    const sub = await hub.subscribe('QT-H', c);
    expect(sub.current.parsedId.day).toBe('2026-11-28');
    await jest.advanceTimersByTimeAsync(10_000);
    expect(c.seen.map((s) => s.parsedId.day)).toEqual(['2026-11-29']);

    sub.unsubscribe();
    numbers['QT-H']++;
    change();
    await jest.advanceTimersByTimeAsync(2000);
    expect(reads.map((r) => r.day)).toEqual(['2026-11-28', '2026-11-29']);
  });
});
