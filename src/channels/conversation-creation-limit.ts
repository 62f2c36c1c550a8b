import { RateLimiter, type RateDecision } from './rate-limiter.js';

/**
 * How fast new conversations may be started, whichever channel starts them (REST `POST /conversations`,
 * a WebSocket `hello` without a token): one budget per client IP, shared by both channels so neither is
 * a cheaper way to fill the database, and one global budget per instance, so many addresses together
 * cannot either. (Bot Framework conversations are started by Microsoft's service, authenticated.)
 */
export class ConversationCreationLimit {
  private readonly perIp: RateLimiter;
  private readonly global: RateLimiter;

  constructor(options: { perIpPerMinute: number; globalPerMinute: number; now?: () => number }) {
    this.perIp = new RateLimiter({ limit: options.perIpPerMinute, now: options.now });
    this.global = new RateLimiter({ limit: options.globalPerMinute, now: options.now });
  }

  /** The address's own budget first: one address at its limit does not use up everybody's. */
  take(ip: string): RateDecision {
    const own = this.perIp.take(ip);
    return own.allowed ? this.global.take('*') : own;
  }
}
