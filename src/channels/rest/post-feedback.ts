import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { httpErrors } from '../../http/errors.js';
import { isNewThumbsDown } from '../feedback-offer.js';
import { conversationOf, requireConversationToken } from './conversation-access.js';
import { ConversationParamsSchema, FeedbackBodySchema, FeedbackResponseSchema } from './rest-schemas.js';

/**
 * POST /api/v1/conversations/:id/feedback: thumbs up/down on one bot answer. A thumbs-down also gets
 * the offer of a clerk, returned (and stored) as a bot message; repeating it (e.g. to add a comment)
 * does not offer again.
 */
const postFeedback: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/conversations/:id/feedback',
    {
      onRequest: requireConversationToken(app),
      schema: {
        tags: ['conversations'],
        summary: 'Rate a bot answer',
        security: [{ conversationToken: [] }],
        params: ConversationParamsSchema,
        body: FeedbackBodySchema,
        response: { 200: FeedbackResponseSchema },
      },
    },
    async (request) => {
      const conversation = conversationOf(request);
      const { seq, rating, comment } = request.body;
      const recorded = await app.conversations.recordFeedback(conversation.id, seq, rating, comment);
      if (!recorded) throw httpErrors.notFound('Bot message');
      const messages = isNewThumbsDown(rating, recorded.previousRating)
        ? await app.dialogue.offerClerkAfterNegativeFeedback(conversation.id, seq)
        : [];
      return { recorded: true as const, messages };
    },
  );
};

export default postFeedback;
