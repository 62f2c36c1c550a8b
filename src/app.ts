import { randomUUID } from 'node:crypto';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppConfig } from './config.js';
import { registerErrorHandlers } from './http/errors.js';
import { loggerOptions } from './logging/logger-options.js';
import configPlugin from './plugins/external/config.js';
import chatSocketRoute from './channels/ws/chat-route.js';
import webChannel from './channels/web/web-routes.js';
import conversationsPlugin from './plugins/modules/conversations.js';
import knowledgePlugin from './plugins/modules/knowledge.js';
import dialoguePlugin from './plugins/modules/dialogue.js';
import restChannel from './channels/rest/index.js';
import botFrameworkChannel from './channels/botframework/index.js';
import handoffPlugin from './plugins/modules/handoff.js';
import consoleChannel from './channels/console/console-channel.js';
import consolePage from './channels/console-page/console-page.js';
import databasePlugin from './plugins/external/database.js';
import openapiPlugin from './plugins/external/openapi.js';
import securityPlugin from './plugins/external/security.js';
import healthRoutes from './routes/health.js';
import type { Database } from './storage/database.js';

export interface BuildAppOptions {
  /** Use this database instead of opening the configured one (tests, tools). The caller closes it. */
  database?: Database;
  /** Replace the logger (tests pass `false` to keep output quiet). */
  logger?: boolean;
  /** Where log lines go instead of stdout (tests that read what the service logs). */
  logStream?: DestinationStream;
}

/** WebSocket close code sent to every open socket on shutdown; the widget reconnects on it. */
export const CLOSE_CODE_SERVICE_RESTART = 1012;

/**
 * Builds the whole service. Order: external plugins (config, database, security, docs, websocket),
 * then the app's modules (knowledge → dialogue → handoff), then the channels that expose them.
 */
export async function buildApp(config: AppConfig, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : { ...loggerOptions(config.LOG_LEVEL), ...(options.logStream ? { stream: options.logStream } : {}) },
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w.-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    },
    trustProxy: config.TRUST_PROXY,
    bodyLimit: 64 * 1024,
    // Let in-flight requests finish on close, but stop keep-alive connections from holding it open.
    forceCloseConnections: 'idle',
    // Opening the embedded database, migrating and ingesting run inside plugins and take as long as a
    // busy machine needs: Fastify's 10 s per-plugin timeout failed cold starts. The whole start-up has
    // its own budget instead (STARTUP_TIMEOUT_S, enforced in server.ts).
    pluginTimeout: 0,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('readinessChecks', new Map());
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerErrorHandlers(app);

  await app.register(configPlugin, { config });
  await app.register(databasePlugin, { database: options.database });
  await app.register(securityPlugin);
  await app.register(openapiPlugin);
  await app.register(websocket, {
    options: { maxPayload: 64 * 1024 },
    // On shutdown, tell every client to come back later instead of dropping it.
    preClose: async function closeSockets(this: FastifyInstance) {
      for (const client of this.websocketServer.clients) {
        client.close(CLOSE_CODE_SERVICE_RESTART, 'service restarting');
      }
    },
  });

  await app.register(healthRoutes);

  // --- Modules: knowledge → dialogue, with handoff beside dialogue
  await app.register(conversationsPlugin);
  await app.register(knowledgePlugin);
  // handoff before dialogue: a turn can queue the conversation for a clerk (declared in its dependencies)
  await app.register(handoffPlugin);
  await app.register(dialoguePlugin);

  // --- Channels
  await app.register(consoleChannel);
  await app.register(consolePage);
  await app.register(chatSocketRoute);
  await app.register(webChannel);
  await app.register(restChannel);
  await app.register(botFrameworkChannel);

  return app;
}
