/** Runs a drill-down selection for a subtree and shapes its items so that each can be checked by hand. */
import { DossierState, ProcedureRecord, latestDueAt, localDayOf, localDayOfUtc, localToday, timelinessOf } from '@app/indicators';
import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SUBTREE_AGENCIES, Selection, bind, pageQuery } from './drill-down.sql';

export interface SubtreeAgency {
  code: string;
  level: string;
}

export interface PageRequest {
  /** The agencies the list covers (a subtree, or part of one). */
  codes: string[];
  from?: string;
  to?: string;
  nowMs: number;
  page: number;
  pageSize: number;
}

export type Item = Record<string, unknown>;

export interface ItemsPage {
  total: number;
  items: Item[];
}

type Row = { id: string; state: DossierState; closedDay: string | null } & Record<string, any>;

@Injectable()
export class DrillDownReader {
  constructor(private readonly db: DataSource) {}

  /** The subtree of `agency` as the tree stands now; 404 for an unknown agency. */
  async subtree(agency: string): Promise<SubtreeAgency[]> {
    const rows: SubtreeAgency[] = await this.db.query(SUBTREE_AGENCIES, [agency]);
    if (rows.length === 0) throw new NotFoundException({ error: 'not_found', message: `unknown agency: ${agency}` });
    return rows;
  }

  async page(selection: Selection, r: PageRequest): Promise<ItemsPage> {
    const [text, params] = bind(pageQuery(selection), {
      codes: r.codes,
      from: r.from,
      to: r.to,
      now: new Date(r.nowMs).toISOString(),
      limit: r.pageSize,
      offset: (r.page - 1) * r.pageSize,
      type: selection.kind === 'events' ? selection.type : undefined,
    });
    const [row]: { total: string; items: Row[] }[] = await this.db.query(text, params);
    return { total: Number(row.total), items: row.items.map((i) => shape(selection, i, r.nowMs)) };
  }
}

function shape(s: Selection, row: Row, nowMs: number): Item {
  if (s.kind === 'events') return { source: row.source, id: row.id, subject: row.subject, time: row.time, day: localDayOfUtc(row.time), agency: row.data.agencyCode, data: row.data };
  if (s.kind === 'procedures') {
    const p = row.state as unknown as ProcedureRecord;
    return { code: row.code, name: p.name, agency: row.agency, feeRequired: p.feeRequired, onlinePayment: p.onlinePayment, onlineLevel: p.onlineLevel, mobile: p.mobile };
  }
  const d = row.state;
  const fact = (f: { at: string; id: string; source: string; agency: string }) => ({
    dossier: row.id, agency: f.agency, day: localDayOfUtc(f.at), time: f.at, source: f.source, id: f.id,
  });
  switch (s.view) {
    case 'received': {
      const r = d.received!;
      return { ...fact(r), procedureCode: r.procedureCode, channel: r.channel, identityVerified: r.identityVerified, dueAt: r.dueAt, synced: d.synced !== undefined };
    }
    case 'resolved': {
      const r = d.resolved!;
      return { ...fact(r), outcome: r.outcome, dueAt: r.dueAt, timeliness: timelinessOf(r), receivedChannel: d.received?.channel ?? null };
    }
    case 'withdrawn':
      return fact(d.withdrawn!);
    case 'rated':
      return { ...fact(d.rated!), rating: d.rated!.rating };
    case 'stock': {
      const r = d.received!;
      const dueAt = latestDueAt(d)!;
      return {
        dossier: row.id, agency: r.agency, receivedAt: r.at, receivedDay: localDayOfUtc(r.at), closedDay: row.closedDay,
        dueAt, dueDay: localDayOf(dueAt), procedureCode: r.procedureCode, channel: r.channel,
      };
    }
    case 'overdue': {
      const r = d.received!;
      const dueAt = latestDueAt(d)!;
      return { dossier: row.id, agency: r.agency, receivedAt: r.at, dueAt, overdueDays: overdueDays(dueAt, nowMs), procedureCode: r.procedureCode, channel: r.channel };
    }
  }
}

/**
 * Whole local calendar days from the date of the deadline to today, at least 1: a deadline that passed
 * earlier today is the first day overdue, as is one that fell on yesterday's date.
 */
export function overdueDays(dueAt: string, nowMs: number): number {
  const days = (Date.parse(localToday(nowMs)) - Date.parse(localDayOf(dueAt))) / 86_400_000;
  return Math.max(1, days);
}
