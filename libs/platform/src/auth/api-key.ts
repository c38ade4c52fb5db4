/**
 * API keys: `<id>.<secret>`. Only the SHA-256 of the secret is stored (the secret is 256 random bits, so a
 * slow hash adds nothing); comparison is constant-time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const ROLES = ['producer', 'reader', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  keyId: string;
  role: Role;
  /** Producer keys: the one source they may post. */
  source?: string;
  /** Producer keys: the agencies whose subtrees they may post for. */
  agencies?: string[];
  rateLimitPerSecond?: number;
}

export const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

export function constantTimeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export function newKey(): { id: string; secret: string; key: string } {
  const id = 'k' + randomBytes(9).toString('base64url');
  const secret = randomBytes(32).toString('base64url');
  return { id, secret, key: `${id}.${secret}` };
}

export function splitKey(key: string): { id: string; secret: string } | null {
  const m = /^(k[A-Za-z0-9_-]{12})\.([A-Za-z0-9_-]{43})$/.exec(key);
  return m ? { id: m[1], secret: m[2] } : null;
}

export function bearerToken(header: string | undefined): string | null {
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return m ? m[1] : null;
}
