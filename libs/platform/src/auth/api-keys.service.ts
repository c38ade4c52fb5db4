import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Principal, Role, constantTimeEqual, newKey, sha256, splitKey } from './api-key';

export const ADMIN_API_KEY = Symbol('ADMIN_API_KEY');

interface KeyRow {
  secret: Buffer;
  principal: Principal;
  revoked: boolean;
}

const CACHE_MS = 30_000;
const DUMMY = sha256('no such key');

/** Creates keys and resolves a presented key to its principal. Rows are cached for 30 s. */
@Injectable()
export class ApiKeysService {
  private readonly cache = new Map<string, { row: KeyRow | null; until: number }>();
  private readonly adminHash: Buffer | null;

  constructor(private readonly db: DataSource, @Inject(ADMIN_API_KEY) adminKey: string | undefined) {
    this.adminHash = adminKey ? sha256(adminKey) : null;
  }

  async create(spec: { role: Role; source?: string; agencies?: string[]; rateLimitPerSecond?: number }): Promise<{ id: string; key: string }> {
    const { id, secret, key } = newKey();
    await this.db.query(
      `INSERT INTO api_keys (id, secret_sha256, role, source, agencies, rate_limit_per_second) VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, sha256(secret), spec.role, spec.source ?? null, spec.agencies ?? null, spec.rateLimitPerSecond ?? null],
    );
    return { id, key };
  }

  async resolve(presented: string): Promise<Principal | null> {
    if (this.adminHash && constantTimeEqual(sha256(presented), this.adminHash)) return { keyId: 'env:ADMIN_API_KEY', role: 'admin' };
    const parts = splitKey(presented);
    const row = parts ? await this.row(parts.id) : null;
    const matches = constantTimeEqual(sha256(parts?.secret ?? presented), row?.secret ?? DUMMY);
    return row && matches && !row.revoked ? row.principal : null;
  }

  private async row(id: string): Promise<KeyRow | null> {
    const now = Date.now();
    const hit = this.cache.get(id);
    if (hit && hit.until > now) return hit.row;
    const rows: { secret_sha256: Buffer; role: Role; source: string | null; agencies: string[] | null; rate_limit_per_second: number | null; revoked_at: Date | null }[] =
      await this.db.query(`SELECT secret_sha256, role, source, agencies, rate_limit_per_second, revoked_at FROM api_keys WHERE id = $1`, [id]);
    const r = rows[0];
    const row: KeyRow | null = r
      ? {
          secret: r.secret_sha256,
          revoked: r.revoked_at !== null,
          principal: {
            keyId: id,
            role: r.role,
            ...(r.source !== null ? { source: r.source } : {}),
            ...(r.agencies !== null ? { agencies: r.agencies } : {}),
            ...(r.rate_limit_per_second !== null ? { rateLimitPerSecond: r.rate_limit_per_second } : {}),
          },
        }
      : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(id, { row, until: now + CACHE_MS });
    return row;
  }
}
