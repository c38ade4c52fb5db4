/**
 * Freshness: how long after POST /v1/events answers 202 the change is visible, on the live stream
 * (GET /v1/stream, at most one snapshot a second per agency) and to a client polling GET /v1/indicators.
 *
 * Producers post `dossier.received` events stamped now, at a steady rate (open loop: requests leave on
 * schedule whether or not earlier ones were answered), for each rate in turn. A request counts as visible
 * when the subtree's count of dossiers received today reaches the number of events of every request sent up
 * to and including it: "everything up to this request shows". Latency = first time visible − its 202.
 */
import { agency } from '../test/support/events';
import { SseClient } from '../test/support/sse';
import { TestStack } from '../test/support/stack';
import { eventually } from '../test/support/processes';
import { helpRequested, numberArg, report } from './bench-support';

const USAGE = `npm run bench:freshness -- [--rates 100,1000 (events/s)] [--seconds 30] [--requests-per-second 100] [--poll-ms 20]
Needs the Kafka broker (npm run kafka:start) and PostgreSQL, and built services (npm run build).
Do not run it across local midnight (Asia/Ho_Chi_Minh): it counts today's dossiers.\n`;

const ROOT = 'F';
const COMMUNES = ['F-H1-X1', 'F-H1-X2', 'F-H1-X3', 'F-H2-X1', 'F-H2-X2', 'F-H2-X3'];

interface Tracker {
  /** Cumulative events (today, in the subtree) that request i needs visible, in send order. */
  needed: number[];
  ackAt: (number | null)[];
  streamAt: (number | null)[];
  pollAt: (number | null)[];
  streamNext: number;
  pollNext: number;
}

function ratesArg(): number[] {
  const i = process.argv.indexOf('--rates');
  if (i < 0) return [100, 1000];
  const rates = process.argv[i + 1].split(',').map(Number);
  if (rates.some((r) => !Number.isFinite(r) || r <= 0)) throw new Error('--rates needs positive numbers, e.g. 100,1000');
  return rates;
}

const receivedTotal = (report: { received: { online: number; inPerson: number; postal: number } }) =>
  report.received.online + report.received.inPerson + report.received.postal;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

function summary(latencies: number[]) {
  const s = [...latencies].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 0.5), p90: percentile(s, 0.9), p99: percentile(s, 0.99), max: s[s.length - 1] ?? NaN, mean: s.reduce((a, b) => a + b, 0) / (s.length || 1) };
}

async function main(): Promise<void> {
  if (helpRequested(USAGE)) return;
  const rates = ratesArg();
  const seconds = numberArg('seconds', 30);
  const requestsPerSecond = numberArg('requests-per-second', 100);
  const pollMs = numberArg('poll-ms', 20);

  const stack = new TestStack('bench_freshness');
  let stream: SseClient | undefined;
  let polling = true;
  try {
    await stack.start();
    const tree = [agency(ROOT, 'province', null), agency('F-H1', 'district', ROOT), agency('F-H2', 'district', ROOT), ...COMMUNES.map((c) => agency(c, 'commune', c.slice(0, 4)))];
    if ((await stack.post(tree)).status !== 202) throw new Error('could not register the agencies');
    await stack.caughtUp(tree.length);
    const producer = await stack.createKey({ role: 'producer', source: '/onestop/bench', agencies: [ROOT], rateLimitPerSecond: 100_000 });
    const reader = await stack.createKey({ role: 'reader' });

    // Visibility: the stream's snapshots and a client polling /v1/indicators as fast as --poll-ms allows.
    let tracker: Tracker | undefined;
    let streamCount = -1;
    let pollCount = -1;
    let snapshots = 0;
    let polls = 0;
    let day = '';
    const advance = (t: Tracker, which: 'stream' | 'poll', count: number, at: number) => {
      const times = which === 'stream' ? t.streamAt : t.pollAt;
      let next = which === 'stream' ? t.streamNext : t.pollNext;
      while (next < t.needed.length && t.needed[next] <= count) times[next++] = at;
      if (which === 'stream') t.streamNext = next;
      else t.pollNext = next;
    };
    stream = await SseClient.open(stack.url('query-api', `/v1/stream?agency=${ROOT}`), { key: reader });
    if (stream.status !== 200) throw new Error(`stream answered ${stream.status}`);
    stream.onEvent = (e) => {
      if (e.type !== 'snapshot') return;
      const s = JSON.parse(e.data);
      snapshots++;
      day = s.today.to;
      streamCount = receivedTotal(s.today.report);
      if (tracker) advance(tracker, 'stream', streamCount, e.at);
    };
    await eventually('the first snapshot', async () => (day ? true : undefined), 10_000, 20);
    const poller = (async () => {
      while (polling) {
        const started = performance.now();
        const res = await fetch(stack.url('query-api', `/v1/indicators?agency=${ROOT}&from=${day}&to=${day}`), { headers: { authorization: `Bearer ${reader}` } });
        const body = (await res.json()) as { report: { received: { online: number; inPerson: number; postal: number } } };
        const at = performance.now();
        if (res.status === 200) {
          polls++;
          pollCount = receivedTotal(body.report);
          if (tracker) advance(tracker, 'poll', pollCount, at);
        }
        const wait = pollMs - (at - started);
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
    })();

    let series = 0;
    const post = async (events: unknown[]) => {
      const res = await fetch(stack.url('ingest-api', '/v1/events'), {
        method: 'POST',
        headers: { 'content-type': 'application/cloudevents-batch+json', authorization: `Bearer ${producer}` },
        body: JSON.stringify(events),
      });
      await res.arrayBuffer();
      return res.status;
    };
    const dossierEvents = (n: number) => {
      const time = new Date().toISOString();
      return Array.from({ length: n }, () => {
        const k = series++;
        return {
          specversion: '1.0', id: `fr-${process.pid}-${k}`, source: '/onestop/bench', type: 'dossier.received', time, subject: `FR-${process.pid}-${k}`,
          datacontenttype: 'application/json',
          data: { agencyCode: COMMUNES[k % COMMUNES.length], procedureCode: 'P-1', channel: 'online', onlineLevel: 'full', applicantType: 'citizen', identityVerified: true, dueAt: '2099-12-31T17:00:00+07:00' },
        };
      });
    };

    // Warm-up (connections, JIT, the projector's first fetches), not counted.
    for (let i = 0; i < 20; i++) if ((await post(dossierEvents(1))) !== 202) throw new Error('warm-up post refused');
    await stack.caughtUp();
    await eventually('the warm-up on the stream', async () => (streamCount === pollCount && streamCount >= 20 ? true : undefined), 20_000, 20);

    const phases = [];
    for (const rate of rates) {
      const perRequest = Math.max(1, Math.round(rate / requestsPerSecond));
      const requestRate = rate / perRequest;
      const requests = Math.max(1, Math.round(seconds * requestRate));
      const baseline = streamCount;
      const t: Tracker = {
        needed: Array.from({ length: requests }, (_, i) => baseline + (i + 1) * perRequest),
        ackAt: new Array(requests).fill(null), streamAt: new Array(requests).fill(null), pollAt: new Array(requests).fill(null), streamNext: 0, pollNext: 0,
      };
      tracker = t;
      const snapshotsBefore = snapshots;
      const pollsBefore = polls;
      let failures = 0;
      const inFlight: Promise<void>[] = [];
      const started = performance.now();
      for (let i = 0; i < requests; i++) {
        const wait = started + (i * 1000) / requestRate - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        inFlight.push(post(dossierEvents(perRequest)).then(
          (status) => {
            if (status === 202) t.ackAt[i] = performance.now();
            else failures++;
          },
          () => void failures++,
        ));
      }
      await Promise.all(inFlight);
      const sendSeconds = (performance.now() - started) / 1000;
      if (failures > 0) throw new Error(`${failures} requests were not accepted at ${rate} events/s`);
      await eventually(`every request of the ${rate} events/s phase to be visible`, async () => (t.streamNext === requests && t.pollNext === requests ? true : undefined), 120_000, 50);

      const stream = summary(t.ackAt.map((a, i) => t.streamAt[i]! - a!));
      const poll = summary(t.ackAt.map((a, i) => t.pollAt[i]! - a!));
      phases.push({
        eventsPerSecond: rate, eventsPerRequest: perRequest, requests, events: requests * perRequest, sendSeconds,
        achievedEventsPerSecond: (requests * perRequest) / sendSeconds, snapshots: snapshots - snapshotsBefore, polls: polls - pollsBefore,
        streamMs: stream, pollMs: poll,
      });
    }
    tracker = undefined;
    polling = false;
    await poller;

    const rows: [string, string | number][] = [['poll interval (ms)', pollMs], ['seconds per rate', seconds]];
    for (const p of phases) {
      const label = `${p.eventsPerSecond} events/s (${p.eventsPerRequest}/request)`;
      rows.push(
        [`${label}: events posted`, p.events],
        [`${label}: stream p50 / p99 (ms)`, `${p.streamMs.p50.toFixed(0)} / ${p.streamMs.p99.toFixed(0)} (max ${p.streamMs.max.toFixed(0)})`],
        [`${label}: polling p50 / p99 (ms)`, `${p.pollMs.p50.toFixed(0)} / ${p.pollMs.p99.toFixed(0)} (max ${p.pollMs.max.toFixed(0)})`],
        [`${label}: snapshots on the stream`, p.snapshots],
      );
    }
    report('freshness', rows, { seconds, requestsPerSecond, pollMs, phases });
  } finally {
    polling = false;
    await stream?.close();
    await stack.stop();
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
