import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody, httpErrors } from '../../http/errors.js';
import {
  clearSessionCookie,
  clerkOf,
  isSameOrigin,
  requireClerk,
  SESSION_COOKIE,
  setSessionCookie,
} from './console-auth.js';
import { AvailabilityBodySchema, LoginBodySchema } from './console-schemas.js';
import { ClerkResponseSchema, ErrorBodySchema, SessionResponseSchema } from '../../protocol/console-api.js';
import { SESSION_NOTICE } from './console-notices.js';

const tags = ['console'];

/** Log in (public), then session, logout and availability (authenticated). */
export const loginRoute: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/v1/console/login',
    {
      schema: {
        tags,
        summary: 'Log a clerk in: sets the session cookie, returns the CSRF token',
        body: LoginBodySchema,
        response: {
          200: SessionResponseSchema,
          401: ErrorBodySchema,
          403: ErrorBodySchema,
          429: ErrorBodySchema,
        },
      },
    },
    async (request, reply) => {
      // SameSite=Strict keeps the cookie off cross-site requests; refusing foreign origins also stops
      // login CSRF (a page logging the clerk into an attacker's account).
      if (!isSameOrigin(request, false)) throw httpErrors.forbidden('Cross-site login refused.');
      const outcome = await app.clerkConsole.login.login({ ...request.body, ip: request.ip });
      if (!outcome.ok) {
        if (outcome.reason === 'locked') {
          return reply
            .code(429)
            .header('Retry-After', String(outcome.retryAfterSeconds))
            .send(
              errorBody(
                'rate_limited',
                `Too many failed logins; try again in ${outcome.retryAfterSeconds} s.`,
                request.id,
              ),
            );
        }
        throw httpErrors.unauthorized('Wrong e-mail address or password.');
      }
      setSessionCookie(app, request, reply, outcome.token, outcome.expiresAt);
      return { clerk: outcome.clerk, csrfToken: outcome.csrfToken };
    },
  );
};

export const sessionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', requireClerk(app));

  app.get(
    '/api/v1/console/session',
    {
      schema: {
        tags,
        summary: 'The current clerk and CSRF token',
        response: { 200: SessionResponseSchema, 401: ErrorBodySchema },
      },
    },
    async (request) => ({ clerk: clerkOf(request), csrfToken: request.clerkSession!.csrfToken }),
  );

  app.post(
    '/api/v1/console/logout',
    {
      schema: {
        tags,
        summary: 'End the session',
        response: { 204: z.null(), 401: ErrorBodySchema, 403: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const clerk = clerkOf(request);
      const token = request.cookies[SESSION_COOKIE];
      if (token) await app.clerkConsole.sessions.end(token);
      await app.clerkConsole.audit.record({ actorId: clerk.id, action: 'logout', ip: request.ip });
      await app.conversationEvents.publish({
        kind: 'notice',
        topic: SESSION_NOTICE,
        data: { clerkId: clerk.id },
      });
      clearSessionCookie(app, request, reply);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/api/v1/console/me/availability',
    {
      schema: {
        tags,
        summary: 'Available for chats, or away',
        body: AvailabilityBodySchema,
        response: { 200: ClerkResponseSchema, 401: ErrorBodySchema, 403: ErrorBodySchema },
      },
    },
    async (request) => ({
      clerk: await app.clerkConsole.desk.setAvailability(clerkOf(request), request.body.availability),
    }),
  );
};
