import { COUNTERS } from '@app/indicators';
import type { TestStack } from './stack';

/**
 * Every projection table in a canonical order, to compare two databases row for row. Counter rows whose
 * counters all net to zero are left out: whether such a row exists depends on how events fell into batches.
 */
export async function projectionSnapshot(stack: Pick<TestStack, 'sql'>) {
  return {
    counters: await stack.sql(`SELECT * FROM agency_day_counters WHERE ${COUNTERS.map((c) => `${c} <> 0`).join(' OR ')} ORDER BY agency_code, day`),
    dossiers: await stack.sql('SELECT * FROM dossiers ORDER BY id'),
    agencies: await stack.sql('SELECT code, name, level, parent_code, state FROM agencies ORDER BY code'),
    procedures: await stack.sql('SELECT * FROM procedures ORDER BY code'),
    events: await stack.sql('SELECT count(*)::int AS n, count(DISTINCT (source, id))::int AS distinct_n FROM events'),
  };
}

/**
 * Asserts that a stack's projections and province indicators equal a reference stack's, row for row, with every
 * one of `distinct` events applied once and enough data for the comparison to mean something.
 */
export async function expectSameProjections(stack: TestStack, reference: TestStack, distinct: number): Promise<void> {
  const [a, b] = [await projectionSnapshot(stack), await projectionSnapshot(reference)];
  expect(a.events).toEqual([{ n: distinct, distinct_n: distinct }]);
  expect(a.counters.length).toBeGreaterThan(100);
  expect(a).toEqual(b);
  const range = ['QT', '2000-01-01', '2099-12-31'] as const;
  const [ia, ib] = [await stack.indicators(...range), await reference.indicators(...range)];
  expect(ia.report.received.online).toBeGreaterThan(0);
  expect({ ...ia, asOf: null }).toEqual({ ...ib, asOf: null });
}
