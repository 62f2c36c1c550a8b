import cookie from '@fastify/cookie';
import type { FastifyPluginAsync } from 'fastify';
import { HandoffError } from '../../handoff/handoff-error.js';
import { accountRoutes } from './account-routes.js';
import { toHttpError } from './console-auth.js';
import { consoleSocketRoute } from './console-socket.js';
import { conversationRoutes } from './conversation-routes.js';
import { deskRoutes } from './desk-routes.js';
import { loginRoute, sessionRoutes } from './session-routes.js';

/**
 * The clerk console's server side: REST under /api/v1/console and the socket at /ws/console
 * (docs/console-api.md). Encapsulated: the cookie parser, the `clerkSession` request field and the
 * mapping of handoff refusals to HTTP errors apply to these routes only.
 */
const consoleChannel: FastifyPluginAsync = async (app) => {
  if (!app.hasReplyDecorator('setCookie')) await app.register(cookie);
  app.decorateRequest('clerkSession', null);
  app.setErrorHandler((error, _request, _reply) => {
    // Rethrown errors go to the app's error handler, which renders the one error shape.
    throw error instanceof HandoffError ? toHttpError(error) : error;
  });

  await app.register(loginRoute);
  await app.register(sessionRoutes);
  await app.register(deskRoutes);
  await app.register(conversationRoutes);
  await app.register(accountRoutes);
  await app.register(consoleSocketRoute);
};

export default consoleChannel;
