import type { FastifyBaseLogger } from 'fastify';
import type { ConversationEvents } from '../../conversations/conversation-events.js';
import type { ConversationStore } from '../../conversations/conversation-store.js';
import type { Message } from '../../conversations/message.js';
import type { DialogueEngine } from '../../dialogue/dialogue-contract.js';
import type { HandoffPort } from '../../handoff/handoff-port.js';
import type { ConversationCreationLimit } from '../conversation-creation-limit.js';
import type { RateLimiter } from '../rate-limiter.js';
import type { QueueWatch } from './queue-watch.js';

/** The dialogue engine as the chat socket uses it (src/dialogue/dialogue-service.ts implements both). */
export interface ChatDialogue extends DialogueEngine {
  /** After a thumbs-down: stores and returns the bot's offer of a clerk (nothing when people have the chat). */
  offerClerkAfterNegativeFeedback(conversationId: string, seq: number): Promise<Message[]>;
}

/**
 * What a chat socket needs from the rest of the service. The dialogue engine and the handoff module are
 * looked up when used (not when the route is registered), so the channel does not depend on the order
 * in which modules are registered and answers with an `error` frame while one is missing.
 */
export interface ChatServices {
  conversations: ConversationStore;
  events: ConversationEvents;
  dialogue: () => ChatDialogue | undefined;
  handoff: () => HandoffPort | undefined;
  /** Tells waiting citizens' sockets when their department's queue moved. */
  queueWatch: QueueWatch;
  perConnectionLimit: RateLimiter;
  perIpLimit: RateLimiter;
  /** A `hello` without a token starts a conversation: the budget shared with REST. */
  conversationCreation: ConversationCreationLimit;
  /** CONVERSATION_RETENTION_DAYS: a `hello` with an older token is answered `conversation_not_found`. */
  tokenLifetimeDays: number;
  log: FastifyBaseLogger;
}
