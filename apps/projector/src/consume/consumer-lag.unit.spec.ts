import { ConsumerLag } from './consumer-lag';

const T = 1_800_000_000_000;

describe('consumer lag', () => {
  it('reports nothing for a partition until its offsets are known, and only for owned partitions', () => {
    const lag = new ConsumerLag();
    lag.assigned([0, 1]);
    expect(lag.readings(T)).toEqual([]);
    lag.offsetsRead(1, '10', '10', T);
    lag.offsetsRead(2, '10', '0', T); // not owned
    expect(lag.readings(T)).toEqual([{ partition: 1, messages: 0, seconds: 0 }]);
  });

  it('is the high watermark minus the next offset, and the age of the head of the batch in hand', () => {
    const lag = new ConsumerLag();
    lag.assigned([0]);
    lag.offsetsRead(0, '100', '40', T);
    lag.batchFetched(0, '100', T - 30_000);
    expect(lag.readings(T)).toEqual([{ partition: 0, messages: 60, seconds: 30 }]);
    // Time passes while the chunk is applied: the age grows.
    expect(lag.readings(T + 5_000)[0].seconds).toBe(35);
    // The first chunk commits; the next chunk's head is younger.
    lag.committed(0, '70', T - 10_000, '100', T - 12_000, T + 6_000);
    expect(lag.readings(T + 6_000)).toEqual([{ partition: 0, messages: 30, seconds: 16 }]);
    // The batch ends at the high watermark: caught up.
    lag.committed(0, '100', undefined, '100', T - 1_000, T + 7_000);
    expect(lag.readings(T + 7_000)).toEqual([{ partition: 0, messages: 0, seconds: 0 }]);
  });

  it('after a batch that did not reach the fetched high watermark, counts from its last message', () => {
    const lag = new ConsumerLag();
    lag.assigned([0]);
    lag.batchFetched(0, '500', T - 60_000);
    lag.committed(0, '200', undefined, '500', T - 50_000, T);
    expect(lag.readings(T)).toEqual([{ partition: 0, messages: 300, seconds: 50 }]);
  });

  it('when messages appear after a caught-up batch and none is fetched, counts from when they were first seen', () => {
    const lag = new ConsumerLag();
    lag.assigned([0]);
    lag.batchFetched(0, '10', T - 3_600_000);
    lag.committed(0, '10', undefined, '10', T - 3_600_000, T);
    lag.offsetsRead(0, '12', '10', T + 1_000);
    expect(lag.readings(T + 1_000)).toEqual([{ partition: 0, messages: 2, seconds: 0 }]);
    lag.offsetsRead(0, '12', '10', T + 6_000);
    expect(lag.readings(T + 9_000)).toEqual([{ partition: 0, messages: 2, seconds: 8 }]);
    // The batch with them arrives: its head is exact.
    lag.batchFetched(0, '12', T + 500);
    expect(lag.readings(T + 9_000)[0].seconds).toBe(8.5);
  });

  it('never moves back on a periodic read that raced a commit, and forgets partitions taken away', () => {
    const lag = new ConsumerLag();
    lag.assigned([0, 1]);
    lag.batchFetched(0, '50', T);
    lag.committed(0, '50', undefined, '50', T, T);
    lag.offsetsRead(0, '50', '20', T + 1_000); // PostgreSQL was read before the commit
    lag.offsetsRead(1, '5', '5', T + 1_000);
    expect(lag.readings(T + 1_000).map((r) => r.messages)).toEqual([0, 0]);
    lag.assigned([1]);
    expect(lag.readings(T + 1_000).map((r) => r.partition)).toEqual([1]);
  });
});
