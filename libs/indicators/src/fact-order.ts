/** Which of two events of the same fact wins: the later `time`; on a tie the greater `id` (then `source`). */
export interface Ordered {
  readonly at: string;
  readonly id: string;
  readonly source: string;
}

export function isLaterThan(a: Ordered, b: Ordered | undefined): boolean {
  if (!b) return true;
  if (a.at !== b.at) return a.at > b.at;
  if (a.id !== b.id) return a.id > b.id;
  return a.source > b.source;
}
