import { COUNTERS } from '@app/indicators';
import { COUNTER_COLUMNS } from './counter-columns';

describe('counter columns frozen in the migrations', () => {
  it('match the counters the indicator core writes (a new counter needs a new migration adding its column)', () => {
    expect([...COUNTER_COLUMNS]).toEqual([...COUNTERS]);
  });
});
