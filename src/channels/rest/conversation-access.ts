import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Conversation } from '../../conversations/conversation-store.js';
import { tokenExpired } from '../../conversations/conversation-token.js';
import { httpErrors } from '../../http/errors.js';

/**
 * Bearer-token access to one conversation. Runs as an `onRequest` hook, before the body is even read:
 * an unknown conversation is a 404, a missing, wrong or expired token a 401, whatever the body holds.
 */
const authenticated = new WeakMap<FastifyRequest, Conversation>();

export function requireConversationToken(app: FastifyInstance) {
  return async function authenticateConversation(request: FastifyRequest): Promise<void> {
    const { id } = request.params as { id?: string };
    const header = request.headers.authorization;
    const token = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
    if (!token)
      throw httpErrors.unauthorized('Send the conversation token as "Authorization: Bearer <token>".');
    const result = await app.conversations.authenticate(id ?? '', token);
    if (!result.ok) {
      throw result.reason === 'not_found'
        ? httpErrors.notFound('Conversation')
        : httpErrors.unauthorized('Invalid conversation token.');
    }
    if (tokenExpired(result.conversation.updatedAt, app.config.CONVERSATION_RETENTION_DAYS)) {
      throw httpErrors.unauthorized('The conversation token has expired; start a new conversation.');
    }
    authenticated.set(request, result.conversation);
  };
}

/** The conversation the request's token opened (only on routes behind `requireConversationToken`). */
export function conversationOf(request: FastifyRequest): Conversation {
  const conversation = authenticated.get(request);
  if (!conversation) throw new Error('conversationOf() on a route without requireConversationToken');
  return conversation;
}
