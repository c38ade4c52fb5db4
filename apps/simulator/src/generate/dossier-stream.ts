/**
 * A deterministic feed of dossier lifecycle and work-file CloudEvents over a province.
 *
 * - `history`: dossiers filed over the `days` days before the end instant (`endMs`, else the clock reading
 *   of the first `next` call), emitted in time order with their own past times, every time ≤ the end.
 *   `next` returns fewer events than asked once the window is exhausted (`historyDone`); what was still in
 *   progress at the end stays open and carries on after `goLive()`.
 * - `live`: every event carries the clock reading given to `next`; new dossiers are filed and open ones
 *   move one step at a time over later calls.
 *
 * Pure: the seed, the options and the clock readings passed in decide every event. A small share of facts
 * is sent again later with another value (corrections) and a small share of events is re-sent unchanged
 * (exact duplicates: same source and id), so that the feed exercises SPEC §1's fact semantics.
 */
import type { CloudEvent } from '@app/contract';
import { ArrivalPicker } from './arrivals';
import { PlannedEvent, planDossier } from './dossier-plan';
import { DAY_MS, addWorkingDays, formatLocal, localDayStart, officeTimeOn } from './local-time';
import { DEFAULT_SOURCE, makeEvent } from './make-event';
import { MinHeap } from './min-heap';
import { Prng } from './prng';
import type { Province } from './province';
import { SHARES } from './shares';

export type StreamMode = 'history' | 'live';

export interface DossierStreamOptions {
  seed: number;
  province: Province;
  mode: StreamMode;
  /** CloudEvents source of every event (default `/onestop/quang-tri`). */
  source?: string;
  /** History: how many days before the end the window starts (default 30). */
  days?: number;
  /** History: average dossiers filed per day (default 300). */
  dossiersPerDay?: number;
  /** History: the end of the window (default: the clock reading of the first `next` call). */
  endMs?: number;
  /**
   * Letters or digits set into every dossier and work-file id (`QT-2026-<series>-000123`), so that separate runs
   * against one database never share ids. Default: none (`QT-2026-000123`).
   */
  series?: string;
  /** Live: how many open dossiers are kept progressing (default 200). */
  openDossiers?: number;
}

interface OpenDossier {
  steps: PlannedEvent[];
  next: number;
}

/** Share of live events that are work files (about one for every two dossiers filed). */
const LIVE_WORKFILE_SHARE = 0.07;
/** Live: chance that a new dossier is filed rather than an open one progressing, below and above the target. */
const LIVE_NEW_BELOW_TARGET = 0.35;
const LIVE_NEW_ABOVE_TARGET = 0.08;
const DUPLICATE_DELAY = { min: 1, max: 300 };

export class DossierStream {
  private mode: StreamMode;
  private readonly prng: Prng;
  private readonly source: string;
  private readonly province: Province;
  private readonly picker: ArrivalPicker;
  private readonly days: number;
  private readonly perDay: number;
  private readonly series: string;
  private readonly openTarget: number;

  private endMs?: number;
  private nextDay = 0;
  private readonly heap = new MinHeap<PlannedEvent>();
  private readonly open: OpenDossier[] = [];
  private readonly duplicates: { release: number; event: CloudEvent }[] = [];
  private emitted = 0;
  private dossierSeq = 0;
  private workfileSeq = 0;
  private exhausted = false;

  constructor(options: DossierStreamOptions) {
    this.mode = options.mode;
    this.province = options.province;
    this.source = options.source ?? DEFAULT_SOURCE;
    this.days = options.days ?? 30;
    this.perDay = options.dossiersPerDay ?? 300;
    this.series = options.series ?? '';
    this.openTarget = options.openDossiers ?? 200;
    this.endMs = options.endMs;
    if (!/^[A-Za-z0-9]{0,24}$/.test(this.series)) throw new Error('series must be at most 24 letters or digits');
    if (!(this.days >= 0) || !(this.perDay >= 0)) throw new Error('days and dossiersPerDay must be ≥ 0');
    this.prng = Prng.derive(options.seed, `stream/${this.province.code}/${this.series}`);
    this.picker = new ArrivalPicker(this.province);
  }

  get currentMode(): StreamMode {
    return this.mode;
  }

  /** History: every event up to the end of the window was returned. */
  get historyDone(): boolean {
    return this.mode === 'history' && this.exhausted && this.duplicates.length === 0;
  }

  /** Dossiers (and work files) whose next event is yet to come. */
  get inProgress(): number {
    return this.mode === 'live' ? this.open.length : new Set(this.heap.values().map((e) => e.subject)).size;
  }

  /** Up to `n` events (exactly `n` in live mode). `nowMs` is the clock reading: no event is later than it. */
  next(n: number, nowMs: number): CloudEvent[] {
    const out: CloudEvent[] = [];
    if (this.mode === 'history') this.endMs ??= nowMs;
    while (out.length < n) {
      const event = this.releaseDuplicate() ?? (this.mode === 'history' ? this.nextHistory() : this.nextLive(nowMs));
      if (!event) break;
      out.push(event);
    }
    return out;
  }

  /** Switches to live mode; dossiers still in progress at the end of history carry on. */
  goLive(): void {
    if (this.mode === 'live') return;
    this.mode = 'live';
    const bySubject = new Map<string, OpenDossier>();
    for (let e = this.heap.pop(); e; e = this.heap.pop()) {
      const open = bySubject.get(e.subject) ?? { steps: [], next: 0 };
      open.steps.push(e);
      bySubject.set(e.subject, open);
    }
    this.open.push(...bySubject.values());
  }

  // ---- history ---------------------------------------------------------------------------------------

  private nextHistory(): CloudEvent | undefined {
    const end = this.endMs!;
    const start = end - this.days * DAY_MS;
    if (this.nextDay === 0) this.nextDay = localDayStart(start);
    // Before taking the earliest planned event, file every day that starts no later than it.
    while (this.nextDay <= end && (this.heap.size === 0 || this.nextDay <= this.heap.peek()!.at)) {
      this.fileDay(this.nextDay, start, end);
      this.nextDay += DAY_MS;
    }
    const top = this.heap.peek();
    if (!top || top.at > end) {
      this.exhausted = true;
      return this.duplicates.shift()?.event;
    }
    return this.emit(this.heap.pop()!, top.at);
  }

  private fileDay(dayStart: number, start: number, end: number): void {
    for (const arrival of this.picker.day(this.prng, dayStart, this.perDay)) {
      if (arrival.at < start || arrival.at > end) continue;
      for (const e of this.plan(arrival, arrival.at)) this.heap.push(e);
      if (this.prng.chance(SHARES.workfilePerDossier)) {
        const office = officeTimeOn(this.prng, addWorkingDays(arrival.at, 0));
        this.heap.push(this.workfile(office > arrival.at ? office : arrival.at + this.prng.between(10, 180) * 60_000));
      }
    }
  }

  // ---- live ------------------------------------------------------------------------------------------

  private nextLive(nowMs: number): CloudEvent {
    const prng = this.prng;
    if (prng.chance(LIVE_WORKFILE_SHARE)) return this.emit(this.workfile(nowMs), nowMs);
    const pNew = this.open.length < this.openTarget ? LIVE_NEW_BELOW_TARGET : LIVE_NEW_ABOVE_TARGET;
    if (this.open.length === 0 || prng.chance(pNew)) {
      const steps = this.plan(this.picker.choose(prng), nowMs);
      if (steps.length > 1) this.open.push({ steps, next: 1 });
      return this.emit(steps[0], nowMs);
    }
    const i = prng.int(0, this.open.length - 1);
    const open = this.open[i];
    const step = open.steps[open.next++];
    if (open.next >= open.steps.length) {
      this.open[i] = this.open[this.open.length - 1];
      this.open.pop();
    }
    return this.emit(step, nowMs);
  }

  // ---- shared ----------------------------------------------------------------------------------------

  private plan(choice: ReturnType<ArrivalPicker['choose']>, receivedAt: number): PlannedEvent[] {
    const year = formatLocal(receivedAt).slice(0, 4);
    const seq = String(++this.dossierSeq).padStart(6, '0');
    const dossierId = `${this.province.code}-${year}-${this.series ? `${this.series}-` : ''}${seq}`;
    return planDossier(this.prng, { departments: this.picker.departments }, { ...choice, dossierId, receivedAt });
  }

  private workfile(at: number): PlannedEvent {
    const agency = this.picker.workfileAgency(this.prng);
    const year = formatLocal(at).slice(0, 4);
    const seq = String(++this.workfileSeq).padStart(6, '0');
    return {
      at,
      type: 'workfile.processed',
      idSuffix: 'processed',
      subject: `${this.province.code}-VB-${year}-${this.series ? `${this.series}-` : ''}${seq}`,
      data: { agencyCode: agency.code, electronic: this.prng.chance(SHARES.workfileElectronic[agency.level]) },
    };
  }

  private emit(planned: PlannedEvent, at: number): CloudEvent {
    const event = makeEvent(this.source, `${planned.subject}/${planned.idSuffix}`, planned.type, formatLocal(at), planned.subject, planned.data);
    this.emitted++;
    if (this.prng.chance(SHARES.duplicate)) {
      const release = this.emitted + this.prng.int(DUPLICATE_DELAY.min, DUPLICATE_DELAY.max);
      const at = this.duplicates.findIndex((d) => d.release > release);
      this.duplicates.splice(at < 0 ? this.duplicates.length : at, 0, { release, event: structuredClone(event) });
    }
    return event;
  }

  private releaseDuplicate(): CloudEvent | undefined {
    if (this.duplicates.length === 0 || this.duplicates[0].release > this.emitted) return undefined;
    this.emitted++;
    return this.duplicates.shift()!.event;
  }
}

