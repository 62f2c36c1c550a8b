import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CreateConversationBodySchema, CreatedConversationSchema } from './rest-schemas.js';

/** POST /api/v1/conversations: a new conversation and the token that alone opens it. */
const createConversation: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/conversations',
    {
      schema: {
        tags: ['conversations'],
        summary: 'Start a conversation',
        body: CreateConversationBodySchema,
        response: { 201: CreatedConversationSchema },
      },
    },
    async (request, reply) => {
      const { conversation, token } = await app.conversations.create({
        lang: request.body?.lang,
        channel: 'api',
      });
      return reply.code(201).send({ conversationId: conversation.id, token });
    },
  );
};

export default createConversation;
