/**
 * Projection throughput with corrections against without: the same history once with every fact sent once,
 * and once where a fifth of the dossiers have each fact sent again an hour later with another value (the
 * projector retracts the old contribution and applies the new). Target: with ≥ 80% of without.
 */
import { CloudEvent, DOSSIER_FACT_TYPES, parseRfc3339 } from '@app/contract';
import { historyEvents } from '../test/support/feed';
import { helpRequested, numberArg, report } from './bench-support';
import { measureProjection } from './projection-run';

const USAGE = `npm run bench:corrections -- [--events N (200000)]
Needs the Kafka broker (npm run kafka:start) and PostgreSQL, and built services (npm run build).\n`;
const FACTS = new Set<string>(DOSSIER_FACT_TYPES);

/** Keeps the first event of each fact per dossier: no corrections, no duplicates of facts. */
function withoutCorrections(events: CloudEvent[]): CloudEvent[] {
  const seen = new Set<string>();
  return events.filter((e) => !FACTS.has(e.type) || (seen.has(`${e.subject}|${e.type}`) ? false : (seen.add(`${e.subject}|${e.type}`), true)));
}

const hash = (s: string) => [...s].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);

function corrected(e: CloudEvent): CloudEvent {
  const data = { ...e.data };
  if (e.type === 'dossier.received') {
    if (data.channel === 'online') {
      Object.assign(data, { channel: 'postal' });
      delete data.onlineLevel;
      delete data.device;
    } else Object.assign(data, { channel: 'online', onlineLevel: 'full' });
  } else if (e.type === 'dossier.rated') data.rating = data.rating === 'unsatisfied' ? 'satisfied' : 'unsatisfied';
  else if (e.type === 'dossier.resolved') data.outcome = data.outcome === 'approved' ? 'rejected' : 'approved';
  const later = new Date(parseRfc3339(e.time)!.epochMs + 3_600_000).toISOString();
  return { ...e, id: `${e.id}-c`, time: later, data };
}

/** Every fact of one dossier in five is sent again, corrected, right after the original. */
function withCorrections(events: CloudEvent[]): CloudEvent[] {
  return events.flatMap((e) => (FACTS.has(e.type) && hash(e.subject) % 5 === 0 ? [e, corrected(e)] : [e]));
}

async function main(): Promise<void> {
  if (helpRequested(USAGE)) return;
  const total = numberArg('events', 200_000);
  const base = withoutCorrections(historyEvents(total, 5));
  const plain = await measureProjection('bench_plain', base);
  await plain.stack.stop();
  const withFixes = withCorrections(base);
  const fixes = await measureProjection('bench_corrections', withFixes);
  await fixes.stack.stop();
  const ratio = fixes.eventsPerSecond / plain.eventsPerSecond;
  report('corrections', [
    ['events without corrections', plain.messages],
    ['events with corrections (1 dossier in 5, every fact re-sent)', fixes.messages],
    ['corrections in the stream', fixes.messages - plain.messages],
    ['projector events/s without corrections', Math.round(plain.eventsPerSecond)],
    ['projector events/s with corrections', Math.round(fixes.eventsPerSecond)],
    ['ratio with / without (target ≥ 0.80)', ratio.toFixed(3)],
  ], { plain: { messages: plain.messages, eventsPerSecond: plain.eventsPerSecond }, corrections: { messages: fixes.messages, eventsPerSecond: fixes.eventsPerSecond }, ratio });
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
