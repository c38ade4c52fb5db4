/** Sends messages that fail validation to `<topic>.dlq` with the reason in headers, keeping key, value and headers. */
import { DLQ_HEADERS } from '@app/contract';
import type { SerialProducer } from '@app/platform';
import type { KafkaMessage } from 'kafkajs';
import type { Decoded } from './decode-message';

export type Rejection = Extract<Decoded, { ok: false }>;

export async function deadLetter(
  producer: SerialProducer,
  dlqTopic: string,
  source: { topic: string; partition: number },
  rejects: { message: KafkaMessage; rejection: Rejection }[],
): Promise<void> {
  if (rejects.length === 0) return;
  const at = new Date().toISOString();
  await producer.send(
    dlqTopic,
    rejects.map(({ message, rejection }) => ({
      key: message.key,
      value: message.value,
      headers: {
        ...message.headers,
        [DLQ_HEADERS.reason]: rejection.reason,
        [DLQ_HEADERS.details]: typeof rejection.details === 'string' ? rejection.details : JSON.stringify(rejection.details),
        [DLQ_HEADERS.topic]: source.topic,
        [DLQ_HEADERS.partition]: String(source.partition),
        [DLQ_HEADERS.offset]: message.offset,
        [DLQ_HEADERS.at]: at,
      },
    })),
  );
}
