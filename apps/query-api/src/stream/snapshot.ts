/** One agency's live snapshot: every indicator and the report row for today and for this month so far. */
import { Indicators, ReportRow, localToday } from '@app/indicators';
import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import type { IndicatorsResponse } from '../indicators/get-indicators/get-indicators.handler';
import { GetIndicatorsQuery } from '../indicators/get-indicators/get-indicators.query';
import { QueryConfig } from '../query.config';
import { SnapshotId, contentHash, formatSnapshotId } from './snapshot-id';

export interface SnapshotPeriod {
  from: string;
  to: string;
  indicators: Indicators;
  report: ReportRow;
}

/** What `event: snapshot` carries. */
export interface SnapshotBody {
  agency: string;
  asOf: string;
  today: SnapshotPeriod;
  month: SnapshotPeriod;
}

export interface Snapshot {
  id: string;
  parsedId: SnapshotId;
  body: SnapshotBody;
  /** `body` as JSON, serialised once for every client. */
  json: string;
}

const POSITION = `SELECT COALESCE(SUM(next_offset), 0)::text AS position FROM projector_offsets WHERE topic = $1`;

@Injectable()
export class SnapshotReader {
  constructor(private readonly queries: QueryBus, private readonly db: DataSource, private readonly config: QueryConfig) {}

  /** Reads the projection position first, so that the id never claims more than the numbers show. 404 for an unknown agency. */
  async read(agency: string, nowMs: number): Promise<Snapshot> {
    const [{ position }]: { position: string }[] = await this.db.query(POSITION, [this.config.KAFKA_TOPIC]);
    const today = localToday(nowMs);
    const [day, month] = await Promise.all([this.period(agency, today, today, nowMs), this.period(agency, `${today.slice(0, 8)}01`, today, nowMs)]);
    const numbers = { agency, today: day, month };
    const parsedId = { day: today, position: BigInt(position), hash: contentHash(JSON.stringify(numbers)) };
    const body: SnapshotBody = { agency, asOf: new Date(nowMs).toISOString(), today: day, month };
    return { id: formatSnapshotId(parsedId), parsedId, body, json: JSON.stringify(body) };
  }

  private async period(agency: string, from: string, to: string, nowMs: number): Promise<SnapshotPeriod> {
    const r: IndicatorsResponse = await this.queries.execute(new GetIndicatorsQuery(agency, from, to, nowMs));
    return { from: r.from, to: r.to, indicators: r.indicators, report: r.report };
  }
}
