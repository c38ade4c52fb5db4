/**
 * A deliberately naive reference model of SPEC §1–§2, for tests only. It recomputes every indicator and
 * report column from the set of distinct events by brute force over dossiers: no counters, no deltas,
 * no code shared with the indicator core (its own timestamp parsing, winner rule, tree walk and targets).
 *
 * Decisions where SPEC is silent (the same ones the core documents):
 * - equal time and equal id: the greater `source` wins;
 * - carriedOver / inProgress count a dossier under the agency of its winning `dossier.received`;
 * - an agency that was never registered is its own root and counts as province level for work files.
 */
import type { RecordedEvent } from '@app/contract';

export interface RefRatio {
  numerator: number;
  denominator: number;
  value: number | null;
  targets?: Partial<Record<'2025' | '2030', { min: number; met: boolean | null }>>;
}

export interface RefReportRow {
  received: { online: number; inPerson: number; postal: number };
  carriedOver: number;
  resolved: { early: number; onTime: number; late: number };
  withdrawn: number;
  inProgress: { withinDeadline: number; overdue: number };
  overdueNow: number;
}

type Ev = RecordedEvent;
type Data = Record<string, any>;

// ---- time, independently of the core: parse the text, shift to UTC+7, read the calendar date ----

const TS = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

/** [whole seconds since epoch (UTC), fraction as 9 digits] */
function instant(ts: string): [number, string] {
  const m = TS.exec(ts);
  if (!m) throw new Error(`reference model: bad timestamp ${ts}`);
  const offsetMin = m[8] ? (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10])) : 0;
  const secs = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) / 1000 - offsetMin * 60;
  return [secs, (m[7] ?? '').padEnd(9, '0').slice(0, 9)];
}

/** The Asia/Ho_Chi_Minh (UTC+7, no DST) calendar date of a timestamp. */
const localDates = new Map<string, string>();
export function refLocalDate(ts: string): string {
  let day = localDates.get(ts);
  if (day === undefined) localDates.set(ts, (day = computeLocalDate(ts)));
  return day;
}
function computeLocalDate(ts: string): string {
  const [secs] = instant(ts);
  const d = new Date((secs + 7 * 3600) * 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function compareInstants(a: string, b: string): number {
  const [sa, fa] = instant(a);
  const [sb, fb] = instant(b);
  if (sa !== sb) return sa < sb ? -1 : 1;
  return fa < fb ? -1 : fa > fb ? 1 : 0;
}

/** SPEC: the latest `time` wins; ties: the greater id (then, our decision, the greater source). */
function beats(a: Ev, b: Ev): boolean {
  const t = compareInstants(a.at, b.at);
  if (t !== 0) return t > 0;
  if (a.id !== b.id) return a.id > b.id;
  return a.source > b.source;
}

function latest(events: readonly Ev[]): Ev | undefined {
  let w: Ev | undefined;
  for (const e of events) if (!w || beats(e, w)) w = e;
  return w;
}

// ---- targets, as SPEC §2 lists them ----

type Targets = Partial<Record<'2025' | '2030', number>>;
const TARGETS: Record<string, Targets> = {
  electronicTransferRate: { '2025': 0.8 },
  onlinePaymentRate: { '2025': 0.3, '2030': 0.5 },
  onlineReceivedRate: {},
  onlineResolvedRate: { '2030': 0.8 },
  onTimeRate: {},
  satisfactionRate: { '2025': 0.9, '2030': 0.95 },
  identityVerifiedRate: { '2025': 1, '2030': 0.9 },
  nationalSyncRate: { '2025': 1, '2030': 1 },
  workfileElectronicRate: { '2030': 1 },
  proceduresOnlinePaymentRate: { '2025': 0.8, '2030': 1 },
  proceduresOnlineRate: { '2025': 0.8, '2030': 0.9 },
  proceduresMobileRate: { '2030': 1 },
};
const WORKFILE_LEVEL_TARGETS: Record<string, Targets> = {
  provinceDepartment: { '2025': 1, '2030': 1 },
  district: { '2025': 1, '2030': 1 },
  commune: { '2025': 0.8, '2030': 1 },
};

function refRatio(numerator: number, denominator: number, targets: Targets): RefRatio {
  const r: RefRatio = { numerator, denominator, value: denominator === 0 ? null : numerator / denominator };
  const years = Object.keys(targets) as ('2025' | '2030')[];
  if (years.length > 0) {
    r.targets = {};
    for (const y of years) r.targets[y] = { min: targets[y]!, met: denominator === 0 ? null : numerator / denominator >= targets[y]! };
  }
  return r;
}

// ---- the model ----

interface Dossier {
  received?: Ev;
  resolved?: Ev;
  withdrawn?: Ev;
  rated?: Ev;
  synced?: Ev;
  /** every received, resumed and resolved event of the dossier (not only the winners) */
  deadlineEvents: Ev[];
}

export class ReferenceModel {
  readonly distinct: Ev[];
  private readonly dossiers = new Map<string, Dossier>();
  private readonly agencies = new Map<string, Ev>();
  private readonly procedures = new Map<string, Ev>();

  constructor(events: readonly Ev[]) {
    const byKey = new Map<string, Ev>();
    for (const e of events) if (!byKey.has(`${e.source} ${e.id}`)) byKey.set(`${e.source} ${e.id}`, e);
    this.distinct = [...byKey.values()];

    const group = (type: string) => {
      const m = new Map<string, Ev[]>();
      for (const e of this.distinct) if (e.type === type) m.set(e.subject, [...(m.get(e.subject) ?? []), e]);
      return m;
    };
    for (const [code, es] of group('agency.registered')) this.agencies.set(code, latest(es)!);
    for (const [code, es] of group('procedure.published')) this.procedures.set(code, latest(es)!);

    const subjects = new Set(this.distinct.filter((e) => e.type.startsWith('dossier.')).map((e) => e.subject));
    for (const s of subjects) {
      const mine = this.distinct.filter((e) => e.subject === s && e.type.startsWith('dossier.'));
      const fact = (type: string) => latest(mine.filter((e) => e.type === type));
      this.dossiers.set(s, {
        received: fact('dossier.received'),
        resolved: fact('dossier.resolved'),
        withdrawn: fact('dossier.withdrawn'),
        rated: fact('dossier.rated'),
        synced: fact('dossier.synced'),
        deadlineEvents: mine.filter((e) => ['dossier.received', 'dossier.resumed', 'dossier.resolved'].includes(e.type)),
      });
    }
  }

  /** The current parent of each registered agency. */
  parentOf(code: string): string | null {
    const a = this.agencies.get(code);
    return a ? ((a.data as Data).parentCode as string | null) : null;
  }

  /** Whether `agency` lies in the subtree of `root` in the current tree. */
  inSubtree(root: string, agency: string): boolean {
    const path: string[] = [];
    for (let a: string | null = agency; a !== null && !path.includes(a); a = this.parentOf(a)) {
      if (a === root) return true;
      path.push(a);
    }
    return false;
  }

  private levelGroup(agency: string): string {
    const level = this.agencies.get(agency) ? (this.agencies.get(agency)!.data as Data).level : 'province';
    return level === 'district' ? 'district' : level === 'commune' ? 'commune' : 'provinceDepartment';
  }

  indicators(scope: (agency: string) => boolean, from: string, to: string): Record<string, any> {
    const inRange = (ts: string) => refLocalDate(ts) >= from && refLocalDate(ts) <= to;
    const agencyOf = (e: Ev) => (e.data as Data).agencyCode as string;
    const occ = (type: string) => this.distinct.filter((e) => e.type === type && scope(agencyOf(e)) && inRange(e.at));

    const transfers = occ('dossier.transferred');
    const payments = occ('dossier.payment_made');
    const workfiles = occ('workfile.processed');

    const ds = [...this.dossiers.values()];
    const received = ds.filter((d) => d.received && scope(agencyOf(d.received)) && inRange(d.received.at));
    const onlineReceived = received.filter((d) => (d.received!.data as Data).channel === 'online');
    const resolved = ds.filter((d) => d.resolved && scope(agencyOf(d.resolved)) && inRange(d.resolved.at));
    const ratings = ds.filter((d) => d.rated && scope(agencyOf(d.rated)) && inRange(d.rated.at));

    const byLevel: Record<string, RefRatio> = {};
    for (const g of ['provinceDepartment', 'district', 'commune']) {
      const wf = workfiles.filter((e) => this.levelGroup(agencyOf(e)) === g);
      byLevel[g] = refRatio(wf.filter((e) => (e.data as Data).electronic).length, wf.length, WORKFILE_LEVEL_TARGETS[g]);
    }

    const procs = [...this.procedures.values()].map((e) => e.data as Data).filter((p) => scope(p.agencyCode));
    const fee = procs.filter((p) => p.feeRequired);
    const full = procs.filter((p) => p.onlineLevel === 'full');

    const count = <T>(xs: T[], pred: (x: T) => boolean) => xs.filter(pred).length;
    return {
      electronicTransferRate: refRatio(count(transfers, (e) => (e.data as Data).method === 'electronic'), transfers.length, TARGETS.electronicTransferRate),
      onlinePaymentRate: refRatio(count(payments, (e) => (e.data as Data).method === 'online'), payments.length, TARGETS.onlinePaymentRate),
      onlineReceivedRate: refRatio(onlineReceived.length, received.length, TARGETS.onlineReceivedRate),
      onlineResolvedRate: refRatio(
        count(resolved, (d) => d.received !== undefined && (d.received.data as Data).channel === 'online'),
        resolved.length,
        TARGETS.onlineResolvedRate,
      ),
      onTimeRate: refRatio(
        count(resolved, (d) => refLocalDate(d.resolved!.at) <= refLocalDate((d.resolved!.data as Data).dueAt)),
        resolved.length,
        TARGETS.onTimeRate,
      ),
      satisfactionRate: refRatio(count(ratings, (d) => (d.rated!.data as Data).rating !== 'unsatisfied'), ratings.length, TARGETS.satisfactionRate),
      identityVerifiedRate: refRatio(count(onlineReceived, (d) => (d.received!.data as Data).identityVerified === true), onlineReceived.length, TARGETS.identityVerifiedRate),
      nationalSyncRate: refRatio(count(received, (d) => d.synced !== undefined), received.length, TARGETS.nationalSyncRate),
      workfileElectronicRate: {
        ...refRatio(count(workfiles, (e) => (e.data as Data).electronic === true), workfiles.length, TARGETS.workfileElectronicRate),
        byLevel,
      },
      proceduresOnlinePaymentRate: refRatio(count(fee, (p) => p.onlinePayment), fee.length, TARGETS.proceduresOnlinePaymentRate),
      proceduresOnlineRate: refRatio(count(procs, (p) => p.onlineLevel === 'full' || p.onlineLevel === 'partial'), procs.length, TARGETS.proceduresOnlineRate),
      proceduresMobileRate: refRatio(count(full, (p) => p.mobile), full.length, TARGETS.proceduresMobileRate),
    };
  }

  /** The dueAt of the latest-in-time of the dossier's received, resumed and resolved events. */
  latestDueAt(d: Dossier): string {
    return (latest(d.deadlineEvents)!.data as Data).dueAt;
  }

  report(scope: (agency: string) => boolean, from: string, to: string, overdueNow = 0): RefReportRow {
    const row: RefReportRow = {
      received: { online: 0, inPerson: 0, postal: 0 },
      carriedOver: 0,
      resolved: { early: 0, onTime: 0, late: 0 },
      withdrawn: 0,
      inProgress: { withinDeadline: 0, overdue: 0 },
      overdueNow,
    };
    const day = (e: Ev) => refLocalDate(e.at);
    const agency = (e: Ev) => (e.data as Data).agencyCode as string;
    for (const d of this.dossiers.values()) {
      const { received: r, resolved: s, withdrawn: w } = d;
      if (r && scope(agency(r))) {
        const channel = (r.data as Data).channel;
        if (day(r) >= from && day(r) <= to) {
          if (channel === 'online') row.received.online++;
          else if (channel === 'in_person') row.received.inPerson++;
          else row.received.postal++;
        }
        const closedBefore = (d0: string) => (s !== undefined && day(s) < d0) || (w !== undefined && day(w) < d0);
        const closedOnOrBefore = (d0: string) => (s !== undefined && day(s) <= d0) || (w !== undefined && day(w) <= d0);
        if (day(r) < from && !closedBefore(from)) row.carriedOver++;
        if (day(r) <= to && !closedOnOrBefore(to)) {
          if (refLocalDate(this.latestDueAt(d)) < to) row.inProgress.overdue++;
          else row.inProgress.withinDeadline++;
        }
      }
      if (s && scope(agency(s)) && day(s) >= from && day(s) <= to) {
        const due = refLocalDate((s.data as Data).dueAt);
        if (day(s) < due) row.resolved.early++;
        else if (day(s) === due) row.resolved.onTime++;
        else row.resolved.late++;
      }
      if (w && scope(agency(w)) && day(w) >= from && day(w) <= to) row.withdrawn++;
    }
    return row;
  }

  /** The current catalog's records and agency tree, for comparing with the projected store. */
  agencyWinners(): Map<string, Ev> {
    return new Map(this.agencies);
  }
  procedureWinners(): Map<string, Ev> {
    return new Map(this.procedures);
  }
}
