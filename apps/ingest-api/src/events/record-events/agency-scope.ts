/**
 * Which agency codes lie in the subtree of one of a producer key's agencies, by the tree as registered
 * now (SPEC §3). An agency that is not registered is in no one's scope.
 */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Injectable()
export class AgencyScope {
  constructor(private readonly db: DataSource) {}

  async inScope(codes: string[], keyAgencies: string[]): Promise<Set<string>> {
    if (codes.length === 0 || keyAgencies.length === 0) return new Set();
    const rows: { code: string }[] = await this.db.query(
      `WITH RECURSIVE up(code, ancestor) AS (
         SELECT code, code FROM agencies WHERE code = ANY($1::text[])
         UNION
         SELECT up.code, a.parent_code FROM up JOIN agencies a ON a.code = up.ancestor WHERE a.parent_code IS NOT NULL
       )
       SELECT DISTINCT up.code FROM up JOIN agencies k ON k.code = up.ancestor WHERE up.ancestor = ANY($2::text[])`,
      [codes, keyAgencies],
    );
    return new Set(rows.map((r) => r.code));
  }
}
