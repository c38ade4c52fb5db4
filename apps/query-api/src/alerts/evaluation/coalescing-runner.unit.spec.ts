import { CoalescingRunner } from './coalescing-runner';

describe('coalescing runner', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** A task that stays running until released, counting its runs. */
  function gatedTask() {
    const t = { runs: 0, release: () => undefined as void, task: async () => {
      t.runs++;
      await new Promise<void>((res) => (t.release = res));
    } };
    return t;
  }

  it('folds requests into one run, at most one per interval, and one more for requests made while running', async () => {
    const t = gatedTask();
    const runner = new CoalescingRunner(t.task, 1000, () => Date.now());
    runner.request();
    runner.request();
    await jest.advanceTimersByTimeAsync(0);
    expect(t.runs).toBe(1);

    runner.request(); // while running
    runner.request();
    t.release();
    await jest.advanceTimersByTimeAsync(999);
    expect(t.runs).toBe(1); // not before the interval has passed since the last start
    await jest.advanceTimersByTimeAsync(1);
    expect(t.runs).toBe(2);
    t.release();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(t.runs).toBe(2); // nothing was requested meanwhile
    await runner.stop();
  });

  it('runs nothing after stop', async () => {
    const t = gatedTask();
    const runner = new CoalescingRunner(t.task, 1000, () => Date.now());
    runner.request();
    await runner.stop();
    runner.request();
    await jest.advanceTimersByTimeAsync(5000);
    expect(t.runs).toBe(0);
  });
});
