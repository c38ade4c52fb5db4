import { EVENT_TYPES } from './event-types';
import { EVENT_EXAMPLES } from './examples';
import { validateCloudEvent } from './validate-event';

describe('event examples shown in the OpenAPI docs', () => {
  it.each(EVENT_TYPES.map((t) => [t]))('the %s example is valid', (type) => {
    const result = validateCloudEvent(EVENT_EXAMPLES[type], Date.parse('2026-11-27T09:00:00Z'));
    expect(result.ok ? [] : result.errors).toEqual([]);
    expect(EVENT_EXAMPLES[type].type).toBe(type);
  });
});
