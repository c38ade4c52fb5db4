import { windowRange } from './alert-window';

describe('alert windows (local dates in Asia/Ho_Chi_Minh)', () => {
  const at = (iso: string) => Date.parse(iso);

  it('covers today, this month, the last 7 and 30 days up to today', () => {
    const now = at('2026-03-05T10:00:00+07:00');
    expect(windowRange('today', now)).toEqual({ from: '2026-03-05', to: '2026-03-05' });
    expect(windowRange('month', now)).toEqual({ from: '2026-03-01', to: '2026-03-05' });
    expect(windowRange('last7days', now)).toEqual({ from: '2026-02-27', to: '2026-03-05' });
    expect(windowRange('last30days', now)).toEqual({ from: '2026-02-04', to: '2026-03-05' });
  });

  it('rolls over at local midnight, not UTC midnight', () => {
    expect(windowRange('today', at('2026-02-28T16:59:59Z'))).toEqual({ from: '2026-02-28', to: '2026-02-28' });
    expect(windowRange('today', at('2026-02-28T17:00:00Z'))).toEqual({ from: '2026-03-01', to: '2026-03-01' });
    expect(windowRange('month', at('2026-02-28T17:00:00Z'))).toEqual({ from: '2026-03-01', to: '2026-03-01' });
  });
});
