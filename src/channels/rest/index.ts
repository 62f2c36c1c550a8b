import type { FastifyPluginAsync } from 'fastify';
import createConversation from './create-conversation.js';
import listMessages from './list-messages.js';
import postFeedback from './post-feedback.js';
import postMessage from './post-message.js';
import { rateLimitByIp } from './rate-limit-by-ip.js';

/**
 * The citizen REST API, version 1, under /api/v1 (OpenAPI at /docs). Encapsulated on purpose (no
 * fastify-plugin): its rate limit and token check apply to these routes only.
 */
const restChannel: FastifyPluginAsync = async (app) => {
  await app.register(
    async (v1) => {
      v1.addHook('onRequest', rateLimitByIp(app.config.API_RATE_LIMIT_PER_MINUTE));
      await v1.register(createConversation);
      await v1.register(postMessage);
      await v1.register(listMessages);
      await v1.register(postFeedback);
    },
    { prefix: '/api/v1' },
  );
};

export default restChannel;
