import { CloudEvent, isAgencyScoped, validateCloudEvent } from '@app/contract';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EventPublisher } from '../../bus/event-publisher';
import { AgencyScope } from './agency-scope';
import { EventError, EventsRejectedError, RecordEventsCommand } from './record-events.command';

@CommandHandler(RecordEventsCommand)
export class RecordEventsHandler implements ICommandHandler<RecordEventsCommand, number> {
  constructor(private readonly publisher: EventPublisher, private readonly scope: AgencyScope) {}

  async execute({ principal, events, nowMs }: RecordEventsCommand): Promise<number> {
    const invalid: EventError[] = [];
    const valid: CloudEvent[] = [];
    events.forEach((raw, index) => {
      const result = validateCloudEvent(raw, nowMs);
      if (result.ok) valid.push(result.cloudEvent);
      else invalid.push(...result.errors.map((e) => ({ index, ...e })));
    });
    if (invalid.length > 0) throw new EventsRejectedError(400, invalid);

    if (principal.role !== 'admin') await this.checkScope(principal.source!, principal.agencies ?? [], valid);
    await this.publisher.publish(valid);
    return valid.length;
  }

  private async checkScope(source: string, agencies: string[], events: CloudEvent[]): Promise<void> {
    const denied: EventError[] = [];
    const codes = [...new Set(events.filter((e) => isAgencyScoped(e.type)).map((e) => e.data.agencyCode as string))];
    const allowed = await this.scope.inScope(codes, agencies);
    events.forEach((e, index) => {
      if (e.source !== source) denied.push({ index, path: 'source', message: `this key may post only source ${source}` });
      if (!isAgencyScoped(e.type)) denied.push({ index, path: 'type', message: `${e.type} needs an admin key` });
      else if (!allowed.has(e.data.agencyCode as string)) {
        denied.push({ index, path: 'data.agencyCode', message: `agency ${String(e.data.agencyCode)} is not registered under this key's agencies` });
      }
    });
    if (denied.length > 0) throw new EventsRejectedError(403, denied);
  }
}
