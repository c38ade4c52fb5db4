/**
 * `ApiKeysService.resolve` does the same work whatever is presented: one SHA-256 and one constant-time
 * comparison of 32-byte digests, whether the id is known, unknown or the key is malformed. No timing is
 * measured here; the test observes which comparisons are made.
 */
import type { DataSource } from 'typeorm';
import { createHash, randomBytes } from 'node:crypto';

const comparisons: [Buffer, Buffer][] = [];
jest.mock('node:crypto', () => {
  const actual = jest.requireActual('node:crypto');
  return {
    ...actual,
    timingSafeEqual: (a: Buffer, b: Buffer) => {
      comparisons.push([Buffer.from(a), Buffer.from(b)]);
      return actual.timingSafeEqual(a, b);
    },
  };
});

import { newKey } from './api-key';
import { ApiKeysService } from './api-keys.service';

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** A stand-in for the database holding the rows given, recording the parameters of each query. */
function fakeDb(rows: Record<string, { secret: string; revoked?: boolean }>) {
  const queries: unknown[][] = [];
  const db = {
    query: async (_text: string, params: unknown[]) => {
      queries.push(params);
      const row = rows[params[0] as string];
      return row
        ? [{ secret_sha256: sha(row.secret), role: 'reader', source: null, agencies: null, rate_limit_per_second: null, revoked_at: row.revoked ? new Date() : null }]
        : [];
    },
  };
  return { db: db as unknown as DataSource, queries };
}

describe('ApiKeysService.resolve', () => {
  const known = newKey();
  const revoked = newKey();
  const unknown = newKey();
  let db: DataSource;
  let queries: unknown[][];
  let service: ApiKeysService;

  beforeEach(() => {
    comparisons.length = 0;
    ({ db, queries } = fakeDb({ [known.id]: { secret: known.secret }, [revoked.id]: { secret: revoked.secret, revoked: true } }));
    service = new ApiKeysService(db, undefined);
  });

  it('resolves a known key after one constant-time comparison against its stored digest', async () => {
    expect(await service.resolve(known.key)).toEqual({ keyId: known.id, role: 'reader' });
    expect(comparisons).toEqual([[sha(known.secret), sha(known.secret)]]);
  });

  it('given an unknown id, still compares in constant time (against a dummy digest) and refuses', async () => {
    expect(await service.resolve(unknown.key)).toBeNull();
    expect(comparisons).toHaveLength(1);
    const [presented, stored] = comparisons[0];
    expect(presented).toEqual(sha(unknown.secret));
    expect(stored).toHaveLength(32);
    expect(stored).not.toEqual(presented);
  });

  it('given a known id with a wrong secret, compares against that key’s digest and refuses', async () => {
    const wrong = `${known.id}.${randomBytes(32).toString('base64url')}`;
    expect(await service.resolve(wrong)).toBeNull();
    expect(comparisons).toEqual([[sha(wrong.split('.')[1]), sha(known.secret)]]);
  });

  it('given a malformed key, compares once too and never queries the database', async () => {
    for (const presented of ['not-a-key', '', known.key + 'x', `${known.id}.${known.secret.slice(1)}`]) {
      comparisons.length = 0;
      expect(await service.resolve(presented)).toBeNull();
      expect(comparisons).toHaveLength(1);
      expect(comparisons[0][0]).toHaveLength(32);
      expect(comparisons[0][1]).toHaveLength(32);
    }
    expect(queries).toEqual([]);
  });

  it('given a revoked key with the right secret, compares and refuses', async () => {
    expect(await service.resolve(revoked.key)).toBeNull();
    expect(comparisons).toHaveLength(1);
  });

  it('looks rows up by id only: the secret never reaches the database', async () => {
    await service.resolve(known.key);
    await service.resolve(unknown.key);
    expect(queries).toEqual([[known.id], [unknown.id]]);
  });

  it('with ADMIN_API_KEY set, every key is first compared with its digest in constant time, then as usual', async () => {
    const admin = 'admin-' + randomBytes(16).toString('hex');
    service = new ApiKeysService(db, admin);
    expect(await service.resolve(admin)).toEqual({ keyId: 'env:ADMIN_API_KEY', role: 'admin' });
    expect(comparisons).toEqual([[sha(admin), sha(admin)]]);
    comparisons.length = 0;
    expect(await service.resolve(unknown.key)).toBeNull();
    expect(comparisons.map(([a, b]) => [a.length, b.length])).toEqual([[32, 32], [32, 32]]);
  });
});
