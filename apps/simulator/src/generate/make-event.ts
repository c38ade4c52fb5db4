/** Builds a structured-mode CloudEvent (SPEC §1). */
import type { CloudEvent, EventType } from '@app/contract';

export const DEFAULT_SOURCE = '/onestop/quang-tri';

export function makeEvent(source: string, id: string, type: EventType, time: string, subject: string, data: Record<string, unknown>): CloudEvent {
  return { specversion: '1.0', id, source, type, time, subject, datacontenttype: 'application/json', data };
}
