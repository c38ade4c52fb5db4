/** Reads SUBTREE_SUMS and folds it into the inputs of the pure indicator core, for the subtree or per branch. */
import {
  CatalogCounts, COUNTERS, Counter, CounterTotals, LEVEL_GROUPS, LevelGroup, StockTotals, WorkfileCounts, emptyTotals, levelGroupOf,
} from '@app/indicators';
import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SUBTREE_CATALOG } from './catalog.sql';
import { SUBTREE_SUMS } from './subtree-sums.sql';

type SumsRow = Record<Counter | 'open_before_from' | 'open_at_to' | 'overdue_at_to', number | string> & { branch: string | null; level: string };

export interface AgencyRef {
  code: string;
  name: string;
  level: string;
}

export interface BranchSums {
  totals: CounterTotals;
  workfilesByLevel: Record<LevelGroup, WorkfileCounts>;
  stock: StockTotals;
  overdueNow: number;
}

export interface SubtreeSums {
  agency: AgencyRef;
  children: AgencyRef[];
  catalog: CatalogCounts;
  /** Sums over a set of branches: `undefined` for the whole subtree, a child's code for that child's subtree. */
  sums(branch?: string): BranchSums;
}

@Injectable()
export class SubtreeSumsReader {
  /** The subtree's current catalog; 404 for an unknown agency. */
  async catalog(agency: string): Promise<CatalogCounts> {
    const [row]: { found: boolean; catalog: Record<string, string> }[] = await this.db.query(SUBTREE_CATALOG, [agency]);
    if (!row.found) throw unknownAgency(agency);
    return catalogCounts(row.catalog);
  }

  constructor(private readonly db: DataSource) {}

  async read(agency: string, from: string, to: string, nowMs: number): Promise<SubtreeSums> {
    const [row]: { agencies: AgencyRef[]; sums: SumsRow[]; overdue: { branch: string | null; n: number }[]; catalog: Record<string, string> }[] =
      await this.db.query(SUBTREE_SUMS, [agency, from, to, new Date(nowMs).toISOString()]);
    const self = row.agencies.find((a) => a.code === agency);
    if (!self) throw unknownAgency(agency);
    return {
      agency: self,
      children: row.agencies.filter((a) => a.code !== agency),
      catalog: catalogCounts(row.catalog),
      sums: (branch) => fold(row.sums.filter((s) => branch === undefined || s.branch === branch), row.overdue.filter((o) => branch === undefined || o.branch === branch)),
    };
  }
}

const unknownAgency = (agency: string) => new NotFoundException({ error: 'not_found', message: `unknown agency: ${agency}` });

const catalogCounts = (row: Record<string, string>): CatalogCounts =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])) as unknown as CatalogCounts;

function fold(rows: SumsRow[], overdue: { n: number }[]): BranchSums {
  const totals = emptyTotals();
  const workfilesByLevel = Object.fromEntries(LEVEL_GROUPS.map((g) => [g, { workfiles: 0, electronic: 0 }])) as Record<LevelGroup, WorkfileCounts>;
  const stock: StockTotals = { openBeforeFrom: 0, openAtTo: 0, overdueAtTo: 0 };
  for (const s of rows) {
    for (const c of COUNTERS) totals[c] += Number(s[c]);
    const group = workfilesByLevel[levelGroupOf(s.level)];
    group.workfiles += Number(s.workfiles);
    group.electronic += Number(s.workfiles_electronic);
    stock.openBeforeFrom += Number(s.open_before_from);
    stock.openAtTo += Number(s.open_at_to);
    stock.overdueAtTo += Number(s.overdue_at_to);
  }
  return { totals, workfilesByLevel, stock, overdueNow: overdue.reduce((n, o) => n + Number(o.n), 0) };
}
