import { ratio } from './targets';

describe('ratio and targets', () => {
  it('value is numerator / denominator, unrounded', () => {
    expect(ratio(1, 3)).toEqual({ numerator: 1, denominator: 3, value: 1 / 3 });
    expect(ratio(0, 7).value).toBe(0);
    expect(ratio(7, 7).value).toBe(1);
  });

  it('no denominator: value null, and every target met is null', () => {
    expect(ratio(0, 0)).toEqual({ numerator: 0, denominator: 0, value: null });
    expect(ratio(0, 0, { '2025': 80, '2030': 100 })).toEqual({
      numerator: 0, denominator: 0, value: null,
      targets: { '2025': { min: 0.8, met: null }, '2030': { min: 1, met: null } },
    });
  });

  it('no targets given: no targets field', () => {
    expect(ratio(1, 2)).not.toHaveProperty('targets');
    expect(ratio(1, 2, {})).not.toHaveProperty('targets');
  });

  it.each([
    // numerator, denominator, percent, met
    [4, 5, 80, true], // exactly at the target
    [79, 100, 80, false],
    [81, 100, 80, true],
    [9, 10, 90, true],
    [899, 1000, 90, false],
    [19, 20, 95, true],
    [3, 10, 30, true],
    [29, 100, 30, false],
    [1, 2, 50, true],
    [1, 1, 100, true],
    [999, 1000, 100, false],
    [0, 1, 80, false],
  ])('%d / %d against %d%% → met %s', (n, d, percent, met) => {
    expect(ratio(n, d, { '2025': percent }).targets).toEqual({ '2025': { min: percent / 100, met } });
  });

  it('met per year: met for 2025, not for 2030', () => {
    expect(ratio(92, 100, { '2025': 90, '2030': 95 }).targets).toEqual({ '2025': { min: 0.9, met: true }, '2030': { min: 0.95, met: false } });
  });
});
