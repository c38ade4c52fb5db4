import { Partitioners, PartitionerArgs, PartitionMetadata, RecordMetadata } from 'kafkajs';
import { SendPlacement, partitionLabel, stablePartitioner, unacknowledged } from './partition-check';

const partitions = (n: number): PartitionMetadata[] =>
  Array.from({ length: n }, (_, partitionId) => ({ partitionId, leader: 1, replicas: [1], isr: [1], partitionErrorCode: 0, offlineReplicas: [] }));

const args = (message: PartitionerArgs['message'], n = 6): PartitionerArgs => ({ topic: 't', partitionMetadata: partitions(n), message });

const ack = (topicName: string, partition: number, errorCode = 0): RecordMetadata => ({ topicName, partition, errorCode });

describe('stablePartitioner', () => {
  it('places keyed messages where the Java-compatible default partitioner does', () => {
    const stable = stablePartitioner(() => undefined);
    const java = Partitioners.DefaultPartitioner();
    for (let i = 0; i < 500; i++) {
      const message = { key: `dossier-${i}`, value: `{"n":${i}}` };
      expect(stable(args(message))).toBe(java(args(message)));
    }
  });

  it('keeps an explicit partition', () => {
    expect(stablePartitioner(() => undefined)(args({ key: null, value: 'x', partition: 4 }))).toBe(4);
  });

  it('places a message without key on the same partition at every retry, where round-robin moves it', () => {
    const message = { key: null, value: '{"bad": true}' };
    const first = stablePartitioner(() => undefined)(args(message));
    const again = stablePartitioner(() => undefined);
    for (let i = 0; i < 20; i++) expect(again(args(message))).toBe(first);
    const java = Partitioners.DefaultPartitioner();
    expect(new Set(Array.from({ length: 20 }, () => java(args(message)))).size).toBeGreaterThan(1);
  });

  it('still spreads messages without key over the partitions, a null value included', () => {
    const stable = stablePartitioner(() => undefined);
    const used = new Set(Array.from({ length: 600 }, (_, i) => stable(args({ key: null, value: `bad ${i}` }))));
    expect([...used].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(stable(args({ key: null, value: null }))).toBe(stable(args({ key: null, value: null })));
  });

  it('reports every assignment', () => {
    const seen: string[] = [];
    const stable = stablePartitioner((topic, partition) => seen.push(partitionLabel(topic, partition)));
    const p = stable(args({ key: 'k', value: 'v' }));
    expect(seen).toEqual([`t[${p}]`]);
  });
});

describe('unacknowledged', () => {
  it('is empty when every partition used was acknowledged', () => {
    expect(unacknowledged(new Set(['t[0]', 't[3]']), [ack('t', 3), ack('t', 0), ack('t', 5)])).toEqual([]);
  });

  it('names a partition no acknowledgement covers (a retry that skipped it)', () => {
    expect(unacknowledged(new Set(['t[0]', 't[3]']), [ack('t', 0)])).toEqual(['t[3]']);
  });

  it('does not count an acknowledgement with an error, or one for another topic', () => {
    expect(unacknowledged(new Set(['t[1]', 't[2]']), [ack('t', 1, 7), ack('u', 2)])).toEqual(['t[1]', 't[2]']);
  });
});

describe('SendPlacement', () => {
  const a = { key: 'a', value: '1' };
  const b = { key: 'b', value: '2' };

  it('trusts a send whose records stayed put and whose partitions were all acknowledged', () => {
    const placement = new SendPlacement();
    placement.record('t', 0, a);
    placement.record('t', 3, b);
    placement.record('t', 0, a);
    expect(placement.problem([ack('t', 0), ack('t', 3)])).toBeUndefined();
    expect(placement.problem([ack('t', 0)])).toEqual({ reason: 'partition_unacknowledged', message: 'no acknowledgement for t[3]' });
  });

  it('names a record that a retry put on another partition, even when everything was acknowledged', () => {
    const placement = new SendPlacement();
    placement.record('t', 1, a);
    placement.record('t', 4, a);
    expect(placement.problem([ack('t', 1), ack('t', 4)])).toEqual({ reason: 'partition_moved', message: 'records moved between partitions on a retry: t[1] -> t[4]' });
  });

  it('forgets the previous send at reset', () => {
    const placement = new SendPlacement();
    placement.record('t', 1, a);
    placement.reset();
    placement.record('t', 2, a);
    expect(placement.problem([ack('t', 2)])).toBeUndefined();
  });
});
