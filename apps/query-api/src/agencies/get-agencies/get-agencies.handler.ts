import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { GetAgenciesQuery } from './get-agencies.query';

export interface AgencyNode {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
}

export interface AgenciesResponse {
  agencies: AgencyNode[];
}

/** The agency tree as registered (projected) now, by code; a client builds the tree from `parentCode`. */
@QueryHandler(GetAgenciesQuery)
export class GetAgenciesHandler implements IQueryHandler<GetAgenciesQuery, AgenciesResponse> {
  constructor(private readonly db: DataSource) {}

  async execute(): Promise<AgenciesResponse> {
    const agencies: AgencyNode[] = await this.db.query(`SELECT code, name, level, parent_code AS "parentCode" FROM agencies ORDER BY code`);
    return { agencies };
  }
}
