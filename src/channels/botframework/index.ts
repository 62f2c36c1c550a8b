import type { FastifyPluginAsync } from 'fastify';
import type { DialogueEngine } from '../../dialogue/dialogue-contract.js';
import { rateLimitByIp } from '../rest/rate-limit-by-ip.js';
import type { BotRuntime } from './bot-runtime.js';

/**
 * POST /api/messages: the Bot Framework endpoint (Azure Bot Service, Teams, Direct Line, the Emulator).
 * botbuilder is imported on the first request, not when the app is built: it is a large module graph that
 * every test and every start-up would otherwise load.
 */
const botFrameworkChannel: FastifyPluginAsync = async (app) => {
  let runtime: Promise<BotRuntime> | undefined;
  const load = () =>
    (runtime ??= import('./bot-runtime.js').then(({ createBotRuntime }) =>
      createBotRuntime(app.config, {
        conversations: app.conversations,
        dialogue: () =>
          app.hasDecorator('dialogue')
            ? (app as unknown as { dialogue: DialogueEngine }).dialogue
            : undefined,
        log: app.log,
      }),
    ));
  // Open to anyone when no app id is configured (Emulator mode): then it gets the REST API's per-IP limit.
  // With an app id, Microsoft's few IPs send every user's traffic, so a per-IP limit would throttle Teams.
  const onRequest = app.config.MICROSOFT_APP_ID ? [] : [rateLimitByIp(app.config.API_RATE_LIMIT_PER_MINUTE)];
  app.post('/api/messages', { onRequest, schema: { hide: true } }, async (request, reply) =>
    (await load()).handle(request, reply),
  );
};

export default botFrameworkChannel;
