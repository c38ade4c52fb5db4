/** Occurrences count once each (after de-duplication), in the bucket of their own time and agency. */
import type { RecordedEvent } from '@app/contract';
import { CounterDeltas } from './counters';
import { localDayOfUtc } from './local-day';

export function addOccurrenceContribution(event: RecordedEvent, deltas: CounterDeltas): void {
  switch (event.type) {
    case 'dossier.transferred': {
      const day = localDayOfUtc(event.at);
      deltas.add(event.data.agencyCode, day, 'transfers');
      if (event.data.method === 'electronic') deltas.add(event.data.agencyCode, day, 'transfers_electronic');
      return;
    }
    case 'dossier.payment_made': {
      const day = localDayOfUtc(event.at);
      deltas.add(event.data.agencyCode, day, 'payments');
      if (event.data.method === 'online') deltas.add(event.data.agencyCode, day, 'payments_online');
      return;
    }
    case 'workfile.processed': {
      const day = localDayOfUtc(event.at);
      deltas.add(event.data.agencyCode, day, 'workfiles');
      if (event.data.electronic) deltas.add(event.data.agencyCode, day, 'workfiles_electronic');
      return;
    }
    default:
      return;
  }
}
