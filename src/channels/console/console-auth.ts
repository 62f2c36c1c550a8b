import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasRole } from '../../handoff/clerks/clerk.js';
import type { Role } from '../../protocol/console-api.js';
import type { ClerkSession } from '../../handoff/clerks/clerk-sessions.js';
import type { HandoffError } from '../../handoff/handoff-error.js';
import { HttpError, httpErrors } from '../../http/errors.js';

/** The session cookie. Its value is the only credential a clerk has; citizen tokens are never read here. */
export const SESSION_COOKIE = 'antonia_console';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    /** The clerk's session, set by `requireClerk` on console routes. */
    clerkSession: ClerkSession | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Secure per COOKIE_SECURE: `auto` = when the request came over HTTPS (directly or via TRUST_PROXY). */
export function cookieIsSecure(app: FastifyInstance, request: FastifyRequest): boolean {
  const setting = app.config.COOKIE_SECURE;
  return setting === 'true' || (setting === 'auto' && request.protocol === 'https');
}

export function setSessionCookie(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  expiresAt: Date,
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: cookieIsSecure(app, request),
    path: '/',
    expires: expiresAt,
  });
}

export function clearSessionCookie(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'strict',
    secure: cookieIsSecure(app, request),
    path: '/',
  });
}

/** True when the request's Origin (if any) is this service itself: the console is same-origin only. */
export function isSameOrigin(request: FastifyRequest, required: boolean): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return !required;
  if (!URL.canParse(origin)) return false;
  return new URL(origin).host === request.host;
}

function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The onRequest hook of every authenticated console route: a live session from the cookie (401
 * otherwise), the CSRF header on state-changing methods (403), then presence. WebSocket upgrades are
 * GETs; their Origin is checked instead.
 */
export function requireClerk(app: FastifyInstance) {
  return async (request: FastifyRequest): Promise<void> => {
    const session = await app.clerkConsole.sessions.resolve(request.cookies[SESSION_COOKIE]);
    if (!session) throw httpErrors.unauthorized('Log in to the clerk console.');
    if (!SAFE_METHODS.has(request.method)) {
      const given = request.headers[CSRF_HEADER];
      if (typeof given !== 'string' || !tokensEqual(given, session.csrfToken)) throw httpErrors.csrf();
    }
    request.clerkSession = session;
    await app.clerkConsole.accounts.touch(session.clerk.id);
  };
}

/** The session set by `requireClerk`, with the least role the route needs. */
export function clerkOf(request: FastifyRequest, role: Role = 'clerk'): ClerkSession['clerk'] {
  const session = request.clerkSession;
  if (!session) throw httpErrors.unauthorized('Log in to the clerk console.');
  if (!hasRole(session.clerk.role, role)) throw httpErrors.forbidden(`This needs the ${role} role.`);
  return session.clerk;
}

/** The handoff rules' refusals as the service's HTTP errors. */
export function toHttpError(error: HandoffError): HttpError {
  switch (error.kind) {
    case 'forbidden':
      return httpErrors.forbidden(error.message);
    case 'not_found':
      return new HttpError(404, 'not_found', error.message);
    case 'conflict':
      return httpErrors.conflict(error.message);
    case 'invalid':
      return httpErrors.badRequest(error.message, error.field);
  }
}
