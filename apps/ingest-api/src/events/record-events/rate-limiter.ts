/** Token bucket per key (requests per second, burst of two seconds' worth), in this process's memory. */
import { Injectable } from '@nestjs/common';

interface Bucket {
  tokens: number;
  at: number;
}

@Injectable()
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  /** Takes one token; returns 0 when allowed, else the seconds to wait. */
  take(key: string, perSecond: number, nowMs: number): number {
    const burst = perSecond * 2;
    const b = this.buckets.get(key) ?? { tokens: burst, at: nowMs };
    b.tokens = Math.min(burst, b.tokens + ((nowMs - b.at) / 1000) * perSecond);
    b.at = nowMs;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / perSecond));
  }
}
