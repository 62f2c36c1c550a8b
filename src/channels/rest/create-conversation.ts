import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { httpErrors } from '../../http/errors.js';
import { CreateConversationBodySchema, CreatedConversationSchema } from './rest-schemas.js';

/**
 * POST /api/v1/conversations: a new conversation and the token that alone opens it. Besides the API's
 * per-IP request limit, creation has its own budget, shared with the WebSocket `hello`.
 */
const createConversation: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/conversations',
    {
      schema: {
        tags: ['conversations'],
        summary: 'Start a conversation',
        body: CreateConversationBodySchema,
        response: { 201: CreatedConversationSchema },
        description:
          'New conversations are limited per client IP (API_RATE_LIMIT_PER_MINUTE, shared with the WebSocket) ' +
          'and per instance (CONVERSATIONS_PER_MINUTE): over either, 429 with Retry-After. The token expires ' +
          'after CONVERSATION_RETENTION_DAYS without activity (then 401).',
      },
    },
    async (request, reply) => {
      const decision = app.conversationCreation.take(request.ip);
      if (!decision.allowed) {
        reply.header('retry-after', String(decision.retryAfterSeconds));
        throw httpErrors.rateLimited(decision.retryAfterSeconds);
      }
      const { conversation, token } = await app.dialogue.startConversation({
        lang: request.body?.lang,
        channel: 'api',
      });
      return reply.code(201).send({ conversationId: conversation.id, token });
    },
  );
};

export default createConversation;
