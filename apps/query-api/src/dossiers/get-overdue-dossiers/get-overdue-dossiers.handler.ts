import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DrillDownReader, Item } from '../../read-model/drill-down';
import { OVERDUE_NOW } from '../../read-model/drill-down.sql';
import { GetOverdueDossiersQuery } from './get-overdue-dossiers.query';

export interface OverdueDossiersResponse {
  agency: string;
  asOf: string;
  /** Equals the report's overdueNow at the same clock reading. */
  total: number;
  page: number;
  pageSize: number;
  items: Item[];
}

/** Open dossiers of the subtree past their latest dueAt now, most overdue (earliest deadline) first. */
@QueryHandler(GetOverdueDossiersQuery)
export class GetOverdueDossiersHandler implements IQueryHandler<GetOverdueDossiersQuery, OverdueDossiersResponse> {
  constructor(private readonly reader: DrillDownReader) {}

  async execute(q: GetOverdueDossiersQuery): Promise<OverdueDossiersResponse> {
    const codes = (await this.reader.subtree(q.agency)).map((a) => a.code);
    const { total, items } = await this.reader.page(OVERDUE_NOW, { codes, nowMs: q.nowMs, page: q.page, pageSize: q.pageSize });
    return { agency: q.agency, asOf: new Date(q.nowMs).toISOString(), total, page: q.page, pageSize: q.pageSize, items };
  }
}
