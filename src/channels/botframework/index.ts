import type { FastifyPluginAsync } from 'fastify';
import { httpErrors } from '../../http/errors.js';
import { rateLimitByIp } from '../rest/rate-limit-by-ip.js';
import type { BotRuntime } from './bot-runtime.js';
import { checkServiceUrl, type ServiceUrlPolicy } from './service-url-policy.js';

/**
 * POST /api/messages: the Bot Framework endpoint (Azure Bot Service, Teams, Direct Line, the Emulator).
 * Registered only with Microsoft credentials (MICROSOFT_APP_ID), or for the Emulator when
 * BOTFRAMEWORK_EMULATOR=true; otherwise the path does not exist (404). Every activity's `serviceUrl` is
 * checked before botbuilder sees it (see service-url-policy.ts): the bot POSTs its answers there.
 * botbuilder is imported on the first request, not when the app is built: it is a large module graph that
 * every test and every start-up would otherwise load.
 */
const botFrameworkChannel: FastifyPluginAsync = async (app) => {
  const config = app.config;
  const policy: ServiceUrlPolicy | undefined = config.MICROSOFT_APP_ID
    ? { kind: 'allow-list', hosts: config.BOTFRAMEWORK_SERVICE_HOSTS }
    : config.BOTFRAMEWORK_EMULATOR
      ? { kind: 'loopback' }
      : undefined;
  if (!policy) return;
  if (policy.kind === 'loopback') {
    app.log.warn(
      'Bot Framework endpoint open without credentials for the Emulator (loopback serviceUrls only)',
    );
  }

  const { dialogue } = app;
  let runtime: Promise<BotRuntime> | undefined;
  const load = () =>
    (runtime ??= import('./bot-runtime.js').then(({ createBotRuntime }) =>
      createBotRuntime(config, {
        conversations: app.conversations,
        dialogue,
        log: app.log,
      }),
    ));
  // Emulator mode gets the REST API's per-IP limit. With an app id, Microsoft's few IPs send every user's
  // traffic, so a per-IP limit would throttle Teams.
  const onRequest = policy.kind === 'loopback' ? [rateLimitByIp(config.API_RATE_LIMIT_PER_MINUTE)] : [];
  app.post('/api/messages', { onRequest, schema: { hide: true } }, async (request, reply) => {
    const body = request.body;
    const serviceUrl =
      body && typeof body === 'object' ? (body as { serviceUrl?: unknown }).serviceUrl : undefined;
    const verdict = checkServiceUrl(serviceUrl, policy);
    if (!verdict.ok) throw httpErrors.badRequest(verdict.reason, 'serviceUrl');
    return (await load()).handle(request, reply);
  });
};

export default botFrameworkChannel;
