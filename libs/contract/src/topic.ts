/** How events travel on Kafka: CloudEvents structured mode, keyed by subject (SPEC §3). */
import type { CloudEvent } from './cloud-event';

export const DEFAULT_TOPIC = 'dossier-events';
export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;
export const STRUCTURED_CONTENT_TYPE = 'application/cloudevents+json; charset=utf-8';

export interface OutgoingMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
}

export function toMessage(event: CloudEvent): OutgoingMessage {
  return { key: event.subject, value: JSON.stringify(event), headers: { 'content-type': STRUCTURED_CONTENT_TYPE } };
}

/** Headers the projector puts on a dead-lettered message, beside the original key, value and headers. */
export const DLQ_HEADERS = {
  reason: 'dlq-reason',
  details: 'dlq-details',
  topic: 'dlq-original-topic',
  partition: 'dlq-original-partition',
  offset: 'dlq-original-offset',
  at: 'dlq-at',
} as const;
