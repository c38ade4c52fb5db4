import { NotFoundException } from '@nestjs/common';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const unknownRule = (id: string) => new NotFoundException({ error: 'not_found', message: `unknown alert rule: ${id}` });

/** Rule ids are UUIDs; anything else names no rule (404, not a database error). */
export function ruleId(id: string): string {
  if (!UUID.test(id)) throw unknownRule(id);
  return id.toLowerCase();
}
