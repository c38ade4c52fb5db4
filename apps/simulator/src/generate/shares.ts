/**
 * The shares the generator aims at, close to what Quảng Trị and the country report (FIELD.md): about three
 * dossiers in four filed online, most transfers electronic, about a third of payments online, nine ratings
 * in ten satisfied or better. One place, so that tests and readers see the intended mix.
 */
export const SHARES = {
  /** Channel of a dossier whose procedure can be filed online (weekend filings are online only). */
  online: 0.74,
  postalOfOffline: 0.15,
  /** An online dossier of a full-process procedure is filed full-process (else partial). */
  fullWhenAvailable: 0.9,
  /** An online dossier names its device. */
  deviceGiven: 0.9,
  /** Mobile, when the procedure works on mobile. */
  mobileDevice: 0.45,
  identityVerified: { online: 0.96, in_person: 0.85, postal: 0.3 },
  synced: 0.97,
  /** Online payment, when the procedure offers it, by channel of filing. */
  onlinePayment: { online: 0.47, offline: 0.06 },
  transfer: 0.5,
  secondTransfer: 0.3,
  electronicTransfer: 0.78,
  pause: 0.1,
  supplementReason: 0.85,
  withdrawn: 0.03,
  pausedBeforeWithdrawal: 0.4,
  resolution: { early: 0.72, onTime: 0.2, late: 0.08 },
  approved: 0.95,
  resultReturned: 0.93,
  rated: 0.6,
  rating: { very_satisfied: 0.55, satisfied: 0.37, unsatisfied: 0.08 },
  /** Corrections: the same fact sent again later with another value. */
  correction: { rated: 0.02, resolved: 0.005, received: 0.005, returned: 0.003 },
  /** An event sent a second time, unchanged (same source and id). */
  duplicate: 0.004,
  /** Work files per dossier received, and their electronic share by agency level. */
  workfilePerDossier: 0.5,
  workfileElectronic: { province: 0.96, department: 0.96, district: 0.9, commune: 0.83 },
} as const;
