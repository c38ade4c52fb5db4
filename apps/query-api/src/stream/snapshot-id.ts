/**
 * Snapshot ids: `<local day>.<projection position>.<content hash>`, e.g. `2026-11-28.48213.3f9a0c1d2e4b5a69`.
 *
 * The position is the sum of `projector_offsets.next_offset` over the topic's partitions, read just before the
 * snapshot's numbers: it only grows, and every query API process reading the same database sees the same one,
 * so ids order snapshots across processes (a per-process counter would not). The day comes first because the
 * snapshot changes at local midnight without any event. The hash (of the numbers, without `asOf`) tells a
 * reconnecting client's snapshot from the current one when they are equal in content but not in position,
 * so that a client is not sent again what it already shows.
 */
import { createHash } from 'node:crypto';

export interface SnapshotId {
  day: string;
  position: bigint;
  hash: string;
}

const ID = /^(\d{4}-\d{2}-\d{2})\.(\d{1,20})\.([0-9a-f]{16})$/;

export const formatSnapshotId = ({ day, position, hash }: SnapshotId): string => `${day}.${position}.${hash}`;

export function parseSnapshotId(text: string | undefined): SnapshotId | null {
  const m = text === undefined ? null : ID.exec(text.trim());
  return m ? { day: m[1], position: BigInt(m[2]), hash: m[3] } : null;
}

export const contentHash = (canonicalJson: string): string => createHash('sha256').update(canonicalJson).digest('hex').slice(0, 16);

/**
 * Whether a client that last saw `seen` (its Last-Event-ID) should be sent `current` when it connects:
 * not when it already shows these numbers, nor when it saw a later snapshot (another process ahead of this one).
 */
export function isNewerThanSeen(current: SnapshotId, seen: SnapshotId | null): boolean {
  if (!seen) return true;
  if (seen.hash === current.hash) return false;
  if (seen.day !== current.day) return current.day > seen.day;
  return current.position >= seen.position;
}
