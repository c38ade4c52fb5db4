import type { Principal } from '@app/platform';

/** Record a request's events on the bus: all of them, or none. */
export class RecordEventsCommand {
  constructor(
    public readonly principal: Principal,
    public readonly events: readonly unknown[],
    /** The clock reading at arrival; validation takes time as data. */
    public readonly nowMs: number,
  ) {}
}

export interface EventError {
  index: number;
  path: string;
  message: string;
}

export class EventsRejectedError extends Error {
  constructor(public readonly status: 400 | 403, public readonly details: EventError[]) {
    super(status === 400 ? 'validation_failed' : 'forbidden');
  }
}
