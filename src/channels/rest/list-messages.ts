import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { conversationOf, requireConversationToken } from './conversation-access.js';
import { ConversationParamsSchema, MessagesQuerySchema, MessagesSchema } from './rest-schemas.js';

/** GET /api/v1/conversations/:id/messages?after=<seq>: what was stored after `seq` (clerk replies too). */
const listMessages: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/conversations/:id/messages',
    {
      onRequest: requireConversationToken(app),
      schema: {
        tags: ['conversations'],
        summary: 'Read the messages after a sequence number',
        security: [{ conversationToken: [] }],
        params: ConversationParamsSchema,
        querystring: MessagesQuerySchema,
        response: { 200: MessagesSchema },
      },
    },
    async (request) => {
      const conversation = conversationOf(request);
      return { messages: await app.conversations.messagesAfter(conversation.id, request.query.after) };
    },
  );
};

export default listMessages;
