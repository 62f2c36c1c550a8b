import type { FastifyReply, FastifyRequest } from 'fastify';
import { httpErrors } from '../../http/errors.js';
import { RateLimiter } from '../rate-limiter.js';

/**
 * API_RATE_LIMIT_PER_MINUTE per client IP (behind a proxy, `request.ip` is the client's only with
 * TRUST_PROXY=true). Per instance, by design: see src/channels/rate-limiter.ts.
 */
export function rateLimitByIp(limitPerMinute: number) {
  const limiter = new RateLimiter({ limit: limitPerMinute });
  return async function limitRate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const decision = limiter.take(request.ip);
    if (!decision.allowed) {
      reply.header('retry-after', String(decision.retryAfterSeconds));
      throw httpErrors.rateLimited(decision.retryAfterSeconds);
    }
  };
}
