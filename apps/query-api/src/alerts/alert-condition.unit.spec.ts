import { ratio } from '@app/indicators';
import { isBreached, planMinimum, ruleThreshold } from './alert-condition';
import { retryDelayMs } from './delivery/retry-delay';

describe('alert condition', () => {
  it('is breached strictly below (or above) the threshold', () => {
    expect(isBreached(ratio(7, 10), 0.8, 'below', 1)).toBe(true);
    expect(isBreached(ratio(8, 10), 0.8, 'below', 1)).toBe(false); // equal is not below
    expect(isBreached(ratio(9, 10), 0.8, 'below', 1)).toBe(false);
    expect(isBreached(ratio(9, 10), 0.8, 'above', 1)).toBe(true);
    expect(isBreached(ratio(8, 10), 0.8, 'above', 1)).toBe(false);
  });

  it('never breaches without enough data', () => {
    expect(isBreached(ratio(0, 0), 0.8, 'below', 1)).toBe(false);
    expect(isBreached(ratio(0, 4), 0.8, 'below', 5)).toBe(false);
    expect(isBreached(ratio(0, 5), 0.8, 'below', 5)).toBe(true);
  });

  it("reads the plan's minimums from the indicator core, per level for work files", () => {
    expect(planMinimum('electronicTransferRate', null, '2025')).toBe(0.8);
    expect(planMinimum('electronicTransferRate', null, '2030')).toBeUndefined();
    expect(planMinimum('onTimeRate', null, '2025')).toBeUndefined();
    expect(planMinimum('satisfactionRate', null, '2030')).toBe(0.95);
    expect(planMinimum('workfileElectronicRate', null, '2025')).toBeUndefined();
    expect(planMinimum('workfileElectronicRate', 'commune', '2025')).toBe(0.8);
    expect(planMinimum('workfileElectronicRate', 'district', '2025')).toBe(1);
  });

  it('compares against the explicit threshold, or the target year', () => {
    expect(ruleThreshold({ indicator: 'onTimeRate', level: null, threshold: 0.5, target: null })).toBe(0.5);
    expect(ruleThreshold({ indicator: 'onlinePaymentRate', level: null, threshold: null, target: '2030' })).toBe(0.5);
  });
});

describe('webhook retry delay', () => {
  it('doubles from the base and stops growing at an hour', () => {
    expect([1, 2, 3, 4, 8].map((a) => retryDelayMs(a, 5_000))).toEqual([5_000, 10_000, 20_000, 40_000, 640_000]);
    expect(retryDelayMs(30, 5_000)).toBe(3_600_000);
  });
});
