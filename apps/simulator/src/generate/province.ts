/**
 * A province's agency tree and procedure catalogue, and the `agency.registered` / `procedure.published`
 * events that register them (parents before children, times fixed in the past so that a rerun posts the
 * very same events). Pure and deterministic: the seed only decides which of the less common fee-bearing
 * procedures offer online payment and which online procedures work on mobile.
 */
import type { AgencyLevel, CloudEvent } from '@app/contract';
import { DEFAULT_SOURCE, makeEvent } from './make-event';
import { Prng } from './prng';
import { AgencySeed, COMMUNES, DEPARTMENTS, DISTRICTS, OnlineLevel, PROCEDURES } from './province-data';

export interface ProvinceAgency {
  code: string;
  name: string;
  level: AgencyLevel;
  parentCode: string | null;
  /** Relative dossier volume. */
  weight: number;
}

export interface ProvinceProcedure {
  code: string;
  name: string;
  agencyCode: string;
  feeRequired: boolean;
  onlinePayment: boolean;
  onlineLevel: OnlineLevel;
  mobile: boolean;
  /** Fee in VND (0 when no fee is due). */
  fee: number;
  /** Statutory processing time, in working days. */
  processingDays: number;
  /** Share of business applicants. */
  businessShare: number;
  /** Relative popularity. */
  weight: number;
  /** True when the communes (and historic districts) receive it rather than its own agency. */
  communeLevel: boolean;
}

export interface Province {
  code: string;
  name: string;
  source: string;
  agencies: ProvinceAgency[];
  procedures: ProvinceProcedure[];
  /** `agency.registered` events (parents first), then `procedure.published` events. */
  events: CloudEvent[];
}

export interface ProvinceOptions {
  code: string;
  name?: string;
  source?: string;
}

/** Registration times: the day the merged province came into being. */
export const AGENCY_REGISTERED_AT = '2025-07-01T07:00:00.000+07:00';
export const PROCEDURE_PUBLISHED_AT = '2025-07-01T08:00:00.000+07:00';

/** Shares the seed draws from, close to the province's reported state. */
const ONLINE_PAYMENT_SHARE = 0.7;
const POPULAR_WEIGHT = 3;
const MOBILE_SHARE = { full: 0.72, partial: 0.35, none: 0 } as const;

export function buildProvince(seed: number, options: ProvinceOptions): Province {
  const { code } = options;
  const name = options.name ?? (code === 'QT' ? 'Tỉnh Quảng Trị' : `Tỉnh ${code}`);
  const source = options.source ?? DEFAULT_SOURCE;
  const prng = Prng.derive(seed, `province/${code}`);
  const full = (s: AgencySeed) => `${code}-${s.suffix}`;

  const agencies: ProvinceAgency[] = [
    { code, name, level: 'province', parentCode: null, weight: 0 },
    ...[...DEPARTMENTS, ...DISTRICTS].map((s) => ({ code: full(s), name: s.name, level: s.level, parentCode: code, weight: s.weight })),
    ...COMMUNES.map((s) => ({
      code: full(s),
      name: s.name,
      level: s.level,
      parentCode: s.parent ? `${code}-${s.parent}` : code,
      weight: s.weight,
    })),
  ];

  const procedures: ProvinceProcedure[] = PROCEDURES.map((p, i) => {
    const feeRequired = p.fee > 0;
    return {
      code: `${code}-TT-${String(i + 1).padStart(3, '0')}`,
      name: p.name,
      agencyCode: p.agency ? `${code}-${p.agency}` : code,
      feeRequired,
      // High-volume services all take payments through the national payment platform; the seed decides the rest.
      onlinePayment: feeRequired && p.onlineLevel !== 'none' && (p.weight >= POPULAR_WEIGHT || prng.chance(ONLINE_PAYMENT_SHARE)),
      onlineLevel: p.onlineLevel,
      mobile: prng.chance(MOBILE_SHARE[p.onlineLevel]),
      fee: p.fee,
      processingDays: p.days,
      businessShare: p.business,
      weight: p.weight,
      communeLevel: p.agency === '',
    };
  });

  const events: CloudEvent[] = [
    ...agencies.map((a) =>
      makeEvent(source, `agency-${a.code}-20250701`, 'agency.registered', AGENCY_REGISTERED_AT, a.code, {
        code: a.code,
        name: a.name,
        level: a.level,
        parentCode: a.parentCode,
      }),
    ),
    ...procedures.map((p) =>
      makeEvent(source, `procedure-${p.code}-20250701`, 'procedure.published', PROCEDURE_PUBLISHED_AT, p.code, {
        code: p.code,
        name: p.name,
        agencyCode: p.agencyCode,
        feeRequired: p.feeRequired,
        onlinePayment: p.onlinePayment,
        onlineLevel: p.onlineLevel,
        mobile: p.mobile,
      }),
    ),
  ];
  return { code, name, source, agencies, procedures, events };
}
