import { registry } from '@app/platform';
import { Counter, Gauge, Histogram } from 'prom-client';

export const alertCrossings = new Counter({
  name: 'alert_crossings_total',
  help: 'Alert rules that crossed their threshold (a notification was enqueued), by new state',
  labelNames: ['state'] as const,
  registers: [registry],
});
export const alertDeliveryAttempts = new Counter({
  name: 'alert_delivery_attempts_total',
  help: 'Webhook attempts, by outcome: delivered, retry (will be tried again) or failed (attempts used up)',
  labelNames: ['outcome'] as const,
  registers: [registry],
});
export const alertEvaluationSeconds = new Histogram({
  name: 'alert_evaluation_seconds',
  help: 'Time to evaluate every alert rule once',
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});
export const alertLastEvaluation = new Gauge({
  name: 'alert_last_evaluation_timestamp_seconds',
  help: 'Clock reading (Unix seconds) at the start of the last completed evaluation of every alert rule by this process',
  registers: [registry],
});
export const alertEvaluatedEventsApplied = new Gauge({
  name: 'alert_evaluated_events_applied',
  help: 'Events of KAFKA_TOPIC the projector had applied when the last completed evaluation by this process began (as eventsApplied of /v1/status)',
  registers: [registry],
});
