import { contentHash, formatSnapshotId, isNewerThanSeen, parseSnapshotId } from './snapshot-id';

describe('snapshot ids', () => {
  const id = (day: string, position: number, hash = contentHash(`${day}/${position}`)) => ({ day, position: BigInt(position), hash });

  it('round-trips through text and refuses anything else', () => {
    const a = id('2026-11-28', 48213);
    expect(parseSnapshotId(formatSnapshotId(a))).toEqual(a);
    for (const bad of [undefined, '', '42', '2026-11-28.12', '2026-11-28.-1.0123456789abcdef', '2026-11-28.1.XYZ3456789abcdef']) {
      expect(parseSnapshotId(bad)).toBeNull();
    }
  });

  it('sends a connecting client the current snapshot unless it shows the same numbers or saw a later one', () => {
    const current = id('2026-11-28', 100);
    expect(isNewerThanSeen(current, null)).toBe(true);
    expect(isNewerThanSeen(current, { ...current })).toBe(false);
    expect(isNewerThanSeen(current, { ...id('2026-11-28', 90), hash: current.hash })).toBe(false); // same numbers, older position
    expect(isNewerThanSeen(current, id('2026-11-28', 90))).toBe(true);
    expect(isNewerThanSeen(current, id('2026-11-28', 100, 'ffffffffffffffff'))).toBe(true); // same position, numbers moved with the clock (overdueNow)
    expect(isNewerThanSeen(current, id('2026-11-28', 120))).toBe(false); // another process is ahead
    expect(isNewerThanSeen(current, id('2026-11-27', 900))).toBe(true); // a new day
    expect(isNewerThanSeen(current, id('2026-11-29', 1))).toBe(false);
  });
});
