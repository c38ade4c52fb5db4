/** Realistic event streams for tests and benchmarks, from the simulator's deterministic generator. */
import { CloudEvent, toMessage } from '@app/contract';
import type { Message } from 'kafkajs';
import { DossierStream, buildProvince } from '../../apps/simulator/src/generate';

/** The end of generated history: fixed, so that data never depends on when a test runs. */
export const FEED_END_MS = Date.parse('2026-11-20T10:00:00Z');
const DAYS = 60;

export const provinceEvents = (): CloudEvent[] => buildProvince(1, { code: 'QT' }).events;

/** The province's reference data, then dossier and work-file events of the 60 days before FEED_END_MS: `count` in all. */
export function historyEvents(count: number, seed: number): CloudEvent[] {
  const province = buildProvince(1, { code: 'QT' });
  const events = [...province.events];
  const stream = new DossierStream({ seed, province, mode: 'history', days: DAYS, endMs: FEED_END_MS, dossiersPerDay: Math.ceil(count / 5 / DAYS) + 10 });
  while (events.length < count && !stream.historyDone) events.push(...stream.next(Math.min(5000, count - events.length), FEED_END_MS));
  if (events.length < count) throw new Error(`the generator gave ${events.length} events, fewer than ${count}`);
  return events;
}

export const toMessages = (events: CloudEvent[]): Message[] => events.map(toMessage);
