/**
 * An in-memory token bucket per key (a client IP, a connection): `limit` requests per `windowMs`,
 * refilled continuously, so a burst of `limit` is allowed and then one request every windowMs/limit.
 * Shared by the citizen channels (REST, WebSocket). In memory on purpose: each instance limits what it
 * receives; with N instances behind a load balancer a client gets at most N times the limit, which is
 * acceptable for abuse protection and needs no shared store.
 */
export interface RateLimiterOptions {
  /** Requests allowed per window (also the burst size). */
  limit: number;
  /** Window length in milliseconds (default one minute). */
  windowMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

export type RateDecision =
  | { allowed: true; remaining: number }
  | {
      allowed: false;
      remaining: 0;
      /** Whole seconds until one request is allowed again (≥ 1). */ retryAfterSeconds: number;
    };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class RateLimiter {
  readonly limit: number;
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep: number;

  constructor(options: RateLimiterOptions) {
    this.limit = options.limit;
    this.windowMs = options.windowMs ?? 60_000;
    this.now = options.now ?? Date.now;
    this.lastSweep = this.now();
  }

  /** Takes `cost` tokens for `key` if it has them; otherwise takes nothing and says when to retry. */
  take(key: string, cost = 1): RateDecision {
    const now = this.now();
    this.sweep(now);
    const bucket = this.refilled(key, now);
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return { allowed: true, remaining: Math.floor(bucket.tokens) };
    }
    const msUntilEnough = ((cost - bucket.tokens) * this.windowMs) / this.limit;
    return { allowed: false, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil(msUntilEnough / 1000)) };
  }

  /** Forgets a key (e.g. when its connection closes). */
  delete(key: string): void {
    this.buckets.delete(key);
  }

  /** Keys currently tracked (for tests and metrics). */
  get size(): number {
    return this.buckets.size;
  }

  private refilled(key: string, now: number): Bucket {
    const bucket = this.buckets.get(key);
    if (!bucket) {
      const fresh = { tokens: this.limit, updatedAt: now };
      this.buckets.set(key, fresh);
      return fresh;
    }
    const elapsed = Math.max(0, now - bucket.updatedAt);
    bucket.tokens = Math.min(this.limit, bucket.tokens + (elapsed * this.limit) / this.windowMs);
    bucket.updatedAt = now;
    return bucket;
  }

  /** Drops buckets that have refilled completely: they behave exactly like absent ones. Bounds memory. */
  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.updatedAt) * this.limit) / this.windowMs >= this.limit) {
        this.buckets.delete(key);
      }
    }
  }
}
