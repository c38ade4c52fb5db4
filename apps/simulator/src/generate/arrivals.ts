/**
 * Who files what, where, how and when: procedure by popularity, receiving agency (communes for
 * commune-level procedures, the department otherwise), channel, and the instant of filing within a local
 * day (counters keep office hours; online filings come any time, weekends included).
 */
import { DAY_MS, HOUR_MS, isWorkingDay, officeTimeOn } from './local-time';
import type { Channel } from './dossier-plan';
import type { Prng } from './prng';
import type { Province, ProvinceAgency, ProvinceProcedure } from './province';
import { SHARES } from './shares';

/** Weekday and weekend volumes relative to the daily average (5 × 1.3 + 2 × 0.25 = 7). */
const WEEKDAY_FACTOR = 1.3;
const WEEKEND_FACTOR = 0.25;
/** Historic districts still receive a little (old dossiers, as registered before the reorganisation). */
const DISTRICT_WEIGHT = 0.5;

export interface ArrivalChoice {
  procedure: ProvinceProcedure;
  agency: ProvinceAgency;
  channel: Channel;
}

export class ArrivalPicker {
  readonly departments: ProvinceAgency[];
  private readonly procedures: (readonly [ProvinceProcedure, number])[];
  private readonly onlineProcedures: (readonly [ProvinceProcedure, number])[];
  private readonly communeReceivers: (readonly [ProvinceAgency, number])[];
  private readonly workfileAgencies: (readonly [ProvinceAgency, number])[];
  private readonly byCode: Map<string, ProvinceAgency>;

  constructor(province: Province) {
    this.byCode = new Map(province.agencies.map((a) => [a.code, a]));
    this.departments = province.agencies.filter((a) => a.level === 'department');
    this.procedures = province.procedures.map((p) => [p, p.weight] as const);
    this.onlineProcedures = this.procedures.filter(([p]) => p.onlineLevel !== 'none');
    this.communeReceivers = province.agencies
      .filter((a) => a.level === 'commune' || a.level === 'district')
      .map((a) => [a, a.level === 'district' ? DISTRICT_WEIGHT : a.weight] as const);
    this.workfileAgencies = province.agencies.map((a) => [a, a.level === 'department' || a.level === 'province' ? 3 : a.level === 'district' ? 0.3 : a.weight] as const);
    if (this.procedures.length === 0 || this.communeReceivers.length === 0) throw new Error('the province needs procedures and communes');
  }

  agency(code: string): ProvinceAgency | undefined {
    return this.byCode.get(code);
  }

  /** One filing; `onlineOnly` when no counter is open (weekends). */
  choose(prng: Prng, onlineOnly = false): ArrivalChoice {
    const procedure = prng.weighted(onlineOnly ? this.onlineProcedures : this.procedures);
    const agency = procedure.communeLevel ? prng.weighted(this.communeReceivers) : this.byCode.get(procedure.agencyCode)!;
    let channel: Channel;
    if (onlineOnly) channel = 'online';
    else if (procedure.onlineLevel !== 'none' && prng.chance(SHARES.online)) channel = 'online';
    else channel = prng.chance(SHARES.postalOfOffline) ? 'postal' : 'in_person';
    return { procedure, agency, channel };
  }

  /** How many dossiers are filed on the local day starting at `dayStart`. */
  dailyCount(prng: Prng, dayStart: number, perDay: number): number {
    const factor = isWorkingDay(dayStart) ? WEEKDAY_FACTOR : WEEKEND_FACTOR;
    return Math.max(0, Math.round(perDay * factor * prng.between(0.85, 1.15)));
  }

  /** The filings of one local day, in time order. */
  day(prng: Prng, dayStart: number, perDay: number): (ArrivalChoice & { at: number })[] {
    const working = isWorkingDay(dayStart);
    const out: (ArrivalChoice & { at: number })[] = [];
    for (let n = this.dailyCount(prng, dayStart, perDay); n > 0; n--) {
      const choice = this.choose(prng, !working);
      let at: number;
      if (choice.channel !== 'online') at = officeTimeOn(prng, dayStart);
      else if (working && prng.chance(0.75)) at = officeTimeOn(prng, dayStart);
      else at = dayStart + prng.between(6, 23) * HOUR_MS;
      out.push({ ...choice, at: Math.min(Math.round(at), dayStart + DAY_MS - 1) });
    }
    return out.sort((a, b) => a.at - b.at);
  }

  workfileAgency(prng: Prng): ProvinceAgency {
    return prng.weighted(this.workfileAgencies);
  }
}
