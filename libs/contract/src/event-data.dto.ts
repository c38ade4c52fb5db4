/**
 * The `data` of each event type (SPEC §1), as class-validator classes. A class here is both the
 * validation rule and the TypeScript shape the rest of the system reads.
 */
import { IsBoolean, IsIn, IsInt, IsString, Length, Max, Min, ValidateIf } from 'class-validator';
import {
  AGENCY_LEVELS, APPLICANT_TYPES, CHANNELS, DEVICES, ONLINE_LEVELS, OUTCOMES, PAUSE_REASONS, PAYMENT_METHODS,
  RATINGS, RECEIVED_ONLINE_LEVELS, RETURN_METHODS, SYNC_TARGETS, TRANSFER_METHODS,
} from './event-types';
import { IsTimestamp, OnlyWhen } from './validators';

export const MAX_CODE_LENGTH = 128;
export const MAX_NAME_LENGTH = 512;

const Code = () => Length(1, MAX_CODE_LENGTH);
const Name = () => Length(1, MAX_NAME_LENGTH);
const online = (o: { channel?: unknown }) => o.channel === 'online';

export class AgencyRegisteredData {
  @IsString() @Code() code!: string;
  @IsString() @Name() name!: string;
  @IsIn(AGENCY_LEVELS) level!: (typeof AGENCY_LEVELS)[number];
  @ValidateIf((o) => o.parentCode !== null) @IsString() @Code() parentCode!: string | null;
}

export class ProcedurePublishedData {
  @IsString() @Code() code!: string;
  @IsString() @Name() name!: string;
  @IsString() @Code() agencyCode!: string;
  @IsBoolean() feeRequired!: boolean;
  @IsBoolean() onlinePayment!: boolean;
  @IsIn(ONLINE_LEVELS) onlineLevel!: (typeof ONLINE_LEVELS)[number];
  @IsBoolean() mobile!: boolean;
}

class DossierData {
  @IsString() @Code() agencyCode!: string;
}

export class DossierReceivedData extends DossierData {
  @IsString() @Code() procedureCode!: string;
  @IsIn(CHANNELS) channel!: (typeof CHANNELS)[number];
  @ValidateIf((o) => online(o) || o.onlineLevel !== undefined)
  @OnlyWhen(online, 'channel is "online"')
  @IsIn(RECEIVED_ONLINE_LEVELS)
  onlineLevel?: (typeof RECEIVED_ONLINE_LEVELS)[number];
  @ValidateIf((o) => o.device !== undefined)
  @OnlyWhen(online, 'channel is "online"')
  @IsIn(DEVICES)
  device?: (typeof DEVICES)[number];
  @IsIn(APPLICANT_TYPES) applicantType!: (typeof APPLICANT_TYPES)[number];
  @IsBoolean() identityVerified!: boolean;
  @IsTimestamp() dueAt!: string;
}

export class DossierTransferredData extends DossierData {
  @IsString() @Code() fromAgencyCode!: string;
  @IsString() @Code() toAgencyCode!: string;
  @IsIn(TRANSFER_METHODS) method!: (typeof TRANSFER_METHODS)[number];
}

export class DossierPausedData extends DossierData {
  @IsIn(PAUSE_REASONS) reason!: (typeof PAUSE_REASONS)[number];
}

export class DossierResumedData extends DossierData {
  @IsTimestamp() dueAt!: string;
}

export class DossierPaymentMadeData extends DossierData {
  @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER) amount!: number;
  @IsIn(PAYMENT_METHODS) method!: (typeof PAYMENT_METHODS)[number];
}

export class DossierResolvedData extends DossierData {
  @IsIn(OUTCOMES) outcome!: (typeof OUTCOMES)[number];
  @IsTimestamp() dueAt!: string;
}

export class DossierWithdrawnData extends DossierData {}

export class DossierResultReturnedData extends DossierData {
  @IsIn(RETURN_METHODS) method!: (typeof RETURN_METHODS)[number];
}

export class DossierRatedData extends DossierData {
  @IsIn(RATINGS) rating!: (typeof RATINGS)[number];
}

export class DossierSyncedData extends DossierData {
  @IsIn(SYNC_TARGETS) target!: (typeof SYNC_TARGETS)[number];
}

export class WorkfileProcessedData {
  @IsString() @Code() agencyCode!: string;
  @IsBoolean() electronic!: boolean;
}

/** The data class of each event type. */
export const DATA_CLASSES = {
  'agency.registered': AgencyRegisteredData,
  'procedure.published': ProcedurePublishedData,
  'dossier.received': DossierReceivedData,
  'dossier.transferred': DossierTransferredData,
  'dossier.paused': DossierPausedData,
  'dossier.resumed': DossierResumedData,
  'dossier.payment_made': DossierPaymentMadeData,
  'dossier.resolved': DossierResolvedData,
  'dossier.withdrawn': DossierWithdrawnData,
  'dossier.result_returned': DossierResultReturnedData,
  'dossier.rated': DossierRatedData,
  'dossier.synced': DossierSyncedData,
  'workfile.processed': WorkfileProcessedData,
} as const;

