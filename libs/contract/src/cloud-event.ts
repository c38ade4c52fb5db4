/** The CloudEvents 1.0 envelope as it travels (structured mode) and as the projector records it. */
import type {
  AgencyRegisteredData, DossierPausedData, DossierPaymentMadeData, DossierRatedData, DossierReceivedData,
  DossierResolvedData, DossierResultReturnedData, DossierResumedData, DossierSyncedData, DossierTransferredData,
  DossierWithdrawnData, ProcedurePublishedData, WorkfileProcessedData,
} from './event-data.dto';
import type { EventType } from './event-types';

export type ExtensionValue = string | number | boolean;

/** A CloudEvent exactly as a producer sent it (after validation). This is what goes on the topic. */
export interface CloudEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: EventType;
  time: string;
  subject: string;
  datacontenttype?: 'application/json';
  dataschema?: string;
  data: Record<string, unknown>;
  [extension: string]: unknown;
}

interface DataByType {
  'agency.registered': AgencyRegisteredData;
  'procedure.published': ProcedurePublishedData;
  'dossier.received': DossierReceivedData;
  'dossier.transferred': DossierTransferredData;
  'dossier.paused': DossierPausedData;
  'dossier.resumed': DossierResumedData;
  'dossier.payment_made': DossierPaymentMadeData;
  'dossier.resolved': DossierResolvedData;
  'dossier.withdrawn': DossierWithdrawnData;
  'dossier.result_returned': DossierResultReturnedData;
  'dossier.rated': DossierRatedData;
  'dossier.synced': DossierSyncedData;
  'workfile.processed': WorkfileProcessedData;
}

/** A validated event, with its time normalised: the unit the projector and the indicator core work on. */
export type RecordedEvent = {
  [T in EventType]: {
    readonly source: string;
    readonly id: string;
    readonly type: T;
    readonly subject: string;
    /** UTC, microsecond precision; sorts in time order as a string. */
    readonly at: string;
    readonly data: DataByType[T];
    readonly extensions?: Record<string, ExtensionValue>;
  };
}[EventType];

export type RecordedEventOf<T extends EventType> = Extract<RecordedEvent, { type: T }>;
