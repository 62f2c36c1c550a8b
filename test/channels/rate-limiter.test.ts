import { describe, expect, it } from '@jest/globals';
import { RateLimiter } from '../../src/channels/rate-limiter.js';

describe('RateLimiter', () => {
  const clockAt = (start = 0) => {
    const clock = { now: start };
    return { clock, now: () => clock.now };
  };

  it('allows a burst of `limit`, then refuses with the seconds until the next request is allowed', () => {
    const { now } = clockAt();
    const limiter = new RateLimiter({ limit: 3, windowMs: 60_000, now });
    expect([1, 2, 3].map(() => limiter.take('ip').allowed)).toEqual([true, true, true]);
    expect(limiter.take('ip')).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 20 });
  });

  it('refills continuously: one request per window/limit', () => {
    const { clock, now } = clockAt();
    const limiter = new RateLimiter({ limit: 6, windowMs: 60_000, now });
    for (let i = 0; i < 6; i += 1) limiter.take('ip');
    clock.now += 9_999;
    expect(limiter.take('ip').allowed).toBe(false);
    clock.now += 1;
    expect(limiter.take('ip')).toEqual({ allowed: true, remaining: 0 });
  });

  it('keeps keys apart', () => {
    const { now } = clockAt();
    const limiter = new RateLimiter({ limit: 1, now });
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('b').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
  });

  it('forgets keys whose bucket is full again, so memory stays bounded', () => {
    const { clock, now } = clockAt();
    const limiter = new RateLimiter({ limit: 2, windowMs: 1_000, now });
    for (let i = 0; i < 100; i += 1) limiter.take(`ip-${i}`);
    expect(limiter.size).toBe(100);
    clock.now += 1_000;
    limiter.take('late');
    expect(limiter.size).toBe(1);
  });
});
