import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { RateLimiter } from '../rate-limiter.js';
import type { ChatServices } from './chat-services.js';
import { ChatSession } from './chat-session.js';
import { CloseCode } from './close-codes.js';
import { ConnectionsPerIp } from './connections-per-ip.js';
import { Heartbeat } from './heartbeat.js';
import { isOriginAllowed } from './origin-policy.js';
import { QueueWatch } from './queue-watch.js';

export const CHAT_SOCKET_PATH = '/ws/chat';

/**
 * The citizens' live channel, `/ws/chat` (protocol: docs/protocol.md). Checks the Origin and the
 * per-IP connection limit, then hands the socket to a ChatSession. Shutdown is handled by src/app.ts
 * (every socket closed with 1012 before the database closes).
 */
const chatSocketRoute: FastifyPluginAsync = async (app) => {
  const config = app.config;
  const allowedOrigins = new Set(config.ALLOWED_ORIGINS);
  const connections = new ConnectionsPerIp(config.WS_MAX_CONNECTIONS_PER_IP);
  const heartbeat = new Heartbeat(config.WS_HEARTBEAT_MS);
  const services: ChatServices = {
    conversations: app.conversations,
    events: app.conversationEvents,
    dialogue: app.dialogue,
    handoff: app.handoff,
    queueWatch: new QueueWatch(app.conversationEvents),
    perConnectionLimit: new RateLimiter({ limit: config.WS_MESSAGES_PER_MINUTE }),
    perIpLimit: new RateLimiter({ limit: config.WS_IP_MESSAGES_PER_MINUTE }),
    conversationCreation: app.conversationCreation,
    tokenLifetimeDays: config.CONVERSATION_RETENTION_DAYS,
    log: app.log.child({ channel: 'ws' }),
  };
  app.addHook('onClose', async () => {
    heartbeat.stop();
    services.queueWatch.stop();
  });

  app.get(
    CHAT_SOCKET_PATH,
    {
      websocket: true,
      schema: { tags: ['channels'], summary: 'Citizen chat WebSocket (see docs/protocol.md)', hide: true },
    },
    (socket, request) => {
      // Refused after the upgrade, with a close code: a browser cannot read an HTTP status from a failed
      // handshake, but the widget can read 4003/4008 and decide not to reconnect (or to wait).
      if (!isOriginAllowed(request.headers.origin, request.host, allowedOrigins)) {
        services.log.warn({ origin: request.headers.origin }, 'chat socket refused: origin');
        socket.close(CloseCode.originRefused, 'origin not allowed');
        return;
      }
      const ip = request.ip;
      if (!connections.tryOpen(ip)) {
        services.log.warn('chat socket refused: too many connections from one address');
        socket.close(CloseCode.tooManyConnections, 'too many connections');
        return;
      }
      socket.once('close', () => connections.close(ip));
      heartbeat.watch(socket);
      new ChatSession(socket, randomUUID(), ip, services);
    },
  );
};

export default chatSocketRoute;
