/**
 * Before the feed: register the province's agency tree and procedure catalogue with the admin key (the same
 * events on every run, so a rerun changes nothing), and obtain a producer key scoped to the province.
 */
import type { Province } from './generate';
import type { IngestClient } from './ingest-client';
import { Clock, RetryPolicy, sendWithRetries } from './send-batch';

export class SetupError extends Error {}

export async function registerProvince(client: IngestClient, adminKey: string, province: Province, retry: RetryPolicy, clock: Clock): Promise<number> {
  const result = await sendWithRetries(client, adminKey, province.events, retry, clock);
  if (result.kind === 'accepted') return result.accepted;
  if (result.kind === 'rejected' && result.status === 401) throw new SetupError('the admin key was refused (401): check --admin-key / ADMIN_API_KEY');
  if (result.kind === 'rejected' && result.status === 403) throw new SetupError(`registering agencies needs an admin key: ${result.message}`);
  const details = result.kind === 'rejected' ? ` ${JSON.stringify(result.details.slice(0, 3))}` : '';
  throw new SetupError(`registering the province failed: ${result.message}${details}`);
}

export async function createProducerKey(
  client: IngestClient, adminKey: string, province: Province, rateLimitPerSecond?: number,
): Promise<{ id: string; key: string }> {
  try {
    return await client.createProducerKey(adminKey, {
      source: province.source,
      agencies: [province.code],
      ...(rateLimitPerSecond !== undefined ? { rateLimitPerSecond } : {}),
    });
  } catch (e) {
    throw new SetupError((e as Error).message);
  }
}
