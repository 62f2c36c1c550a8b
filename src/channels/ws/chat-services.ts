import type { FastifyBaseLogger } from 'fastify';
import type { ConversationEvents } from '../../conversations/conversation-events.js';
import type { ConversationStore } from '../../conversations/conversation-store.js';
import type { DialogueEngine } from '../../dialogue/dialogue-contract.js';
import type { HandoffPort } from '../../handoff/handoff-port.js';
import type { ConversationCreationLimit } from '../conversation-creation-limit.js';
import type { RateLimiter } from '../rate-limiter.js';
import type { QueueWatch } from './queue-watch.js';

/** What a chat socket needs from the rest of the service. */
export interface ChatServices {
  conversations: ConversationStore;
  events: ConversationEvents;
  dialogue: DialogueEngine;
  /** The handoff module, for what is not a dialogue turn: cancelling, leaving a message, the queue view. */
  handoff: HandoffPort;
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
