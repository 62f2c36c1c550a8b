import type { Message } from '../protocol/message.js';
import type { HandoffView } from '../protocol/handoff-view.js';
import type { Lang } from '../language.js';
import type { Conversation, NewConversation } from '../conversations/conversation-store.js';

/**
 * What the channels (REST, WebSocket, Bot Framework) ask of the dialogue engine.
 */
export interface CitizenInput {
  /** What the citizen typed (1–2,000 characters). Either text or action. */
  text?: string;
  /** A quick-reply value the citizen picked (a suggestion's `value`). */
  action?: string;
  /** Client-chosen id: the same id again returns the stored result instead of answering twice. */
  clientMsgId?: string;
  /** The UI language, a hint for language detection. */
  uiLang?: Lang;
}

export interface TurnResult {
  /** The citizen's stored message, then the bot's answers (none while a clerk has the conversation). */
  messages: Message[];
  /** True when this clientMsgId had been handled before and the stored result is returned. */
  duplicate: boolean;
  /**
   * How the turn ended (the pipeline's named status, e.g. `answered`, `handoff_requested`); absent on a
   * duplicate. Channels use it for channel-specific signals (the Bot Framework handoff event).
   */
  status?: string;
  /** The handoff as the citizen now sees it, when this turn requested or cancelled one. */
  handoff?: HandoffView;
}

/**
 * The one way every channel (REST, WebSocket, Bot Framework) talks to the dialogue: a citizen's turn,
 * the citizen's "talk to a person" outside a turn (a button, not words), and the offer of a clerk after
 * a thumbs-down.
 */
export interface DialogueEngine {
  /**
   * A new conversation (its token is the citizen's key to it). Every channel starts conversations here,
   * so the dialogue knows the row it will answer the first question on without reading it back.
   */
  startConversation(options: NewConversation): Promise<{ conversation: Conversation; token: string }>;
  handle(conversationId: string, input: CitizenInput): Promise<TurnResult>;
  /**
   * Queues the conversation for a clerk at the citizen's request, with the summary the dialogue keeps
   * (the last substantive question, the procedure in focus and how sure it was).
   */
  requestClerk(conversationId: string, options?: { uiLang?: Lang }): Promise<HandoffView>;
  /** After a thumbs-down: stores and returns the bot's offer of a clerk (nothing when people have the chat). */
  offerClerkAfterNegativeFeedback(conversationId: string, seq: number): Promise<Message[]>;
}
