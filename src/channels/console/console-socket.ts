import type { FastifyPluginAsync } from 'fastify';
import { HandoffError } from '../../handoff/handoff-error.js';
import { httpErrors } from '../../http/errors.js';
import { isSameOrigin, requireClerk } from './console-auth.js';
import { ConsoleConnection } from './console-connection.js';
import { ConsoleClientFrameSchema, MAX_SUBSCRIPTIONS, CLOSE_SESSION_ENDED } from './console-frames.js';
import { ConsoleHub } from './console-hub.js';

/**
 * `/ws/console`: the clerk's live feed (queues, conversations, messages, typing, tickets). The upgrade is
 * refused unless the session cookie is valid (401) and the Origin is the service itself (403).
 */
export const consoleSocketRoute: FastifyPluginAsync = async (app) => {
  const hub = new ConsoleHub(app);
  hub.start();
  app.addHook('onClose', async () => hub.stop());

  app.addHook('onRequest', requireClerk(app));
  app.addHook('onRequest', async (request) => {
    if (!isSameOrigin(request, true))
      throw httpErrors.forbidden('The console socket accepts its own origin only.');
  });

  app.get('/ws/console', { websocket: true, schema: { hide: true } }, (socket, request) => {
    const session = request.clerkSession!;
    const { access, desk, accounts, sessions } = app.clerkConsole;
    const connection = new ConsoleConnection(socket, session.clerk, session.id, app.conversations, access);
    // `hello` goes first, before the hub may send this socket anything.
    connection.send({ type: 'hello', clerk: session.clerk, serverTime: new Date().toISOString() });
    hub.add(connection);

    const refuse = (error: unknown, conversationId?: string) => {
      if (error instanceof HandoffError) {
        const code = error.kind === 'invalid' ? 'validation_failed' : error.kind;
        connection.send({
          type: 'error',
          code,
          message: error.message,
          ...(conversationId ? { conversationId } : {}),
        });
      } else {
        request.log.warn({ err: error }, 'console frame failed');
        connection.send({ type: 'error', code: 'internal_error', message: 'The request failed.' });
      }
    };

    // Frames are handled one after another, so a subscribe's catch-up precedes what the next frame causes.
    let work = Promise.resolve();
    socket.on('message', (raw) => {
      work = work.then(async () => {
        let parsed;
        try {
          parsed = ConsoleClientFrameSchema.safeParse(JSON.parse(String(raw)));
        } catch {
          parsed = undefined;
        }
        if (!parsed?.success) {
          connection.send({
            type: 'error',
            code: 'validation_failed',
            message: 'Unknown or malformed frame.',
          });
          return;
        }
        const frame = parsed.data;
        try {
          switch (frame.type) {
            case 'subscribe':
              if (
                connection.subscriptions.size >= MAX_SUBSCRIPTIONS &&
                !connection.subscriptions.has(frame.conversationId)
              ) {
                connection.send({
                  type: 'error',
                  code: 'rate_limited',
                  message: 'Too many subscriptions.',
                  conversationId: frame.conversationId,
                });
                return;
              }
              await connection.subscribe(frame.conversationId, frame.lastSeq);
              return;
            case 'unsubscribe':
              connection.unsubscribe(frame.conversationId);
              return;
            case 'typing':
              await desk.typing(connection.clerk, frame.conversationId);
              return;
            case 'ping':
              connection.send({ type: 'pong' });
              await accounts.touch(connection.clerk.id);
              return;
          }
        } catch (error) {
          refuse(error, 'conversationId' in frame ? frame.conversationId : undefined);
        }
      });
    });

    // Heartbeat: drop dead sockets, keep presence fresh, and end the socket with its session.
    socket.on('pong', () => (connection.alive = true));
    const heartbeat = setInterval(() => {
      if (!connection.alive) {
        socket.terminate();
        return;
      }
      connection.alive = false;
      socket.ping();
      void sessions.stillValid(connection.sessionId).then(
        async (valid) => {
          if (!valid) socket.close(CLOSE_SESSION_ENDED, 'session ended');
          else await accounts.touch(connection.clerk.id);
        },
        () => undefined,
      );
    }, app.config.WS_HEARTBEAT_MS);
    heartbeat.unref();

    socket.on('close', () => {
      clearInterval(heartbeat);
      hub.remove(connection);
    });

    work = work.then(() => hub.greet(connection)).catch((error: unknown) => refuse(error));
  });
};
