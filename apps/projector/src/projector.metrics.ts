import { registry } from '@app/platform';
import { Counter, Gauge, Histogram } from 'prom-client';
import type { LagReading } from './consume/consumer-lag';

export const eventsApplied = new Counter({ name: 'projector_events_applied_total', help: 'Distinct events applied to the projections', registers: [registry] });
export const duplicates = new Counter({ name: 'projector_duplicates_total', help: 'Events already seen (same source and id), ignored', registers: [registry] });
export const deadLettered = new Counter({
  name: 'projector_dead_lettered_total',
  help: 'Messages sent to the dead-letter topic, by reason',
  labelNames: ['reason'] as const,
  registers: [registry],
});
export const batchSize = new Histogram({
  name: 'projector_batch_size',
  help: 'Messages per applied transaction',
  buckets: [1, 10, 50, 100, 250, 500, 1000, 2500, 5000, 10000],
  registers: [registry],
});
export const batchApplySeconds = new Histogram({
  name: 'projector_batch_apply_seconds',
  help: 'Time to apply one transaction (decode to commit)',
  buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});
export const nextOffsetGauge = new Gauge({
  name: 'projector_next_offset',
  help: 'Next offset to project, per partition',
  labelNames: ['partition'] as const,
  registers: [registry],
});

/** Where the lag gauges read from at scrape time (the consumer's lag tracker), so that seconds keep growing. */
let lagReadings: (nowMs: number) => LagReading[] = () => [];
export const readLagFrom = (read: (nowMs: number) => LagReading[]): void => void (lagReadings = read);

export const consumerLagMessages = new Gauge({
  name: 'projector_consumer_lag_messages',
  help: 'Messages on the topic not yet projected, per partition this process owns (high watermark minus next offset)',
  labelNames: ['partition'] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const r of lagReadings(Date.now())) this.set({ partition: String(r.partition) }, r.messages);
  },
});
export const consumerLagSeconds = new Gauge({
  name: 'projector_consumer_lag_seconds',
  help: 'Age of the oldest unprojected message (now minus its Kafka timestamp), per partition this process owns; 0 when caught up',
  labelNames: ['partition'] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const r of lagReadings(Date.now())) this.set({ partition: String(r.partition) }, r.seconds);
  },
});
