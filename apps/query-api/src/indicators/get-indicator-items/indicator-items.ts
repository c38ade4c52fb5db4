/**
 * Which rows make up each indicator's numerator and denominator: the same counters `computeIndicators`
 * divides (libs/indicators/src/indicators.ts), selected row by row.
 */
import type { IndicatorName } from '@app/indicators';
import { Selection, factDossiers, occurrences, procedures } from '../../read-model/drill-down.sql';

export const PARTS = ['numerator', 'denominator'] as const;
export type Part = (typeof PARTS)[number];

const ONLINE = `d.received_channel = 'online'`;
const method = (m: string) => `e.method = '${m}'`;

export const INDICATOR_ITEMS: Record<IndicatorName, Record<Part, Selection>> = {
  electronicTransferRate: { numerator: occurrences('dossier.transferred', method('electronic')), denominator: occurrences('dossier.transferred') },
  onlinePaymentRate: { numerator: occurrences('dossier.payment_made', method('online')), denominator: occurrences('dossier.payment_made') },
  onlineReceivedRate: { numerator: factDossiers('received', ONLINE), denominator: factDossiers('received') },
  // the received channel, whatever agency or day the receipt has; a resolution without a receipt is not online
  onlineResolvedRate: { numerator: factDossiers('resolved', ONLINE), denominator: factDossiers('resolved') },
  onTimeRate: { numerator: factDossiers('resolved', `d.resolved_timeliness IN ('early', 'onTime')`), denominator: factDossiers('resolved') },
  satisfactionRate: { numerator: factDossiers('rated', `d.rating <> 'unsatisfied'`), denominator: factDossiers('rated') },
  identityVerifiedRate: { numerator: factDossiers('received', `${ONLINE} AND d.received_identity_verified`), denominator: factDossiers('received', ONLINE) },
  nationalSyncRate: { numerator: factDossiers('received', 'd.synced'), denominator: factDossiers('received') },
  workfileElectronicRate: { numerator: occurrences('workfile.processed', 'e.electronic'), denominator: occurrences('workfile.processed') },
  proceduresOnlinePaymentRate: { numerator: procedures('p.fee_required AND p.online_payment'), denominator: procedures('p.fee_required') },
  proceduresOnlineRate: { numerator: procedures(`p.online_level <> 'none'`), denominator: procedures() },
  proceduresMobileRate: { numerator: procedures(`p.online_level = 'full' AND p.mobile`), denominator: procedures(`p.online_level = 'full'`) },
};
