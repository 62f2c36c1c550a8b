import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { InvalidTurnInputError } from '../../dialogue/dialogue-errors.js';
import { httpErrors } from '../../http/errors.js';
import { conversationOf, requireConversationToken } from './conversation-access.js';
import { ConversationParamsSchema, PostMessageBodySchema, TurnResponseSchema } from './rest-schemas.js';

/** POST /api/v1/conversations/:id/messages: the citizen's message in, the new messages out. */
const postMessage: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/conversations/:id/messages',
    {
      onRequest: requireConversationToken(app),
      schema: {
        tags: ['conversations'],
        summary: "Send the citizen's message (or a quick reply) and get the answer",
        description:
          "Returns the citizen's stored message, then the bot's answer (none while a clerk has the conversation). " +
          'A repeated clientMsgId returns the first result with duplicate=true.',
        security: [{ conversationToken: [] }],
        params: ConversationParamsSchema,
        body: PostMessageBodySchema,
        response: { 200: TurnResponseSchema },
      },
    },
    async (request) => {
      const conversation = conversationOf(request);
      const { text, action, clientMsgId } = request.body;
      try {
        const result = await app.dialogue.handle(conversation.id, { text, action, clientMsgId });
        return { messages: result.messages, duplicate: result.duplicate };
      } catch (error) {
        if (error instanceof InvalidTurnInputError) throw httpErrors.badRequest(error.message, error.field);
        throw error;
      }
    },
  );
};

export default postMessage;
