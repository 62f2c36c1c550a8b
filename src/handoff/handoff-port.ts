import type { Lang } from '../language.js';
import type { HandoffReason } from '../protocol/console-api.js';
import type { HandoffView } from '../protocol/handoff-view.js';

/**
 * What the dialogue and the channels need from the handoff module, and nothing more.
 * Implemented in src/handoff/ (queues, assignment, office hours, tickets) and decorated as `app.handoff`.
 *
 * Live updates for channels: whenever what `view()` returns may have changed, the module publishes on
 * `app.conversationEvents`:
 *   - `{ kind: 'status', conversationId }` when this conversation's handoff changed (queued, clerk joined,
 *     transferred, back to the bot, closed, ticket offered after the waiting timeout, ticket left);
 *   - `{ kind: 'queue', department }` when a department's queue changed, which moves the position and the
 *     estimated wait of every conversation still waiting there. A channel that shows a waiting citizen
 *     their position calls `view()` again on the `queue` event of that conversation's `department`.
 * Citizen-visible events are also posted into the conversation as `system` messages in its language
 * ("Un funcționar s-a alăturat: Ana"), so channels without a handoff UI (REST, Bot Framework) show them.
 */
export interface HandoffRequest {
  conversationId: string;
  reason: HandoffReason;
  /** The citizen's question that led here (for the clerk's summary). */
  question: string;
  /** The procedure ANTONIA thought of, and how sure it was. */
  procedureSlug: string | null;
  confidence: number | null;
  lang: Lang;
}

/** What the citizen leaves when no clerk can answer (outside office hours, or nobody claimed in time). */
export interface LeaveMessageInput {
  /** 1–120 characters. */
  name: string;
  /** An e-mail address or a phone number (digits, spaces, +, -, ., parentheses; 6–20 digits). */
  contact: string;
  /** 1–2,000 characters. */
  question: string;
}

export interface LeaveMessageResult {
  /** The registration number shown to the citizen, e.g. `ANT-2026-000123`. */
  ticketNumber: string;
  view: HandoffView;
}

/** Thrown by `leaveMessage` for input that fails validation; `field` names the offending field. */
export class LeaveMessageError extends Error {
  override name = 'LeaveMessageError';
  constructor(
    readonly field: keyof LeaveMessageInput | 'conversationId',
    message: string,
  ) {
    super(message);
  }
}

/** What the citizen sees before any handoff (and where no handoff module runs). */

export interface HandoffPort {
  /**
   * Queues the conversation for a clerk (or offers a ticket when nobody can answer now). Idempotent: a
   * conversation already waiting or with a clerk keeps its place and gets its current view back.
   * Queueing posts no message (the caller words the answer from the returned view); outside office hours
   * the module posts a `system` message offering a ticket and saying when the department opens again.
   */
  request(request: HandoffRequest): Promise<HandoffView>;
  /**
   * The citizen goes back to the bot: while waiting, with a clerk, or after a ticket was offered.
   * Returns false when there was nothing to cancel.
   */
  cancel(conversationId: string): Promise<boolean>;
  view(conversationId: string): Promise<HandoffView>;
  /**
   * The citizen leaves a message for the clerks (normally after `ticketOffered`, but accepted at any time):
   * stores a ticket in the department of the current handoff (the general queue otherwise), takes the
   * conversation out of the queue (back to the bot), posts a system message with the number, and returns
   * it. Throws LeaveMessageError for invalid input (channels answer 400 with its `field`).
   */
  leaveMessage(conversationId: string, input: LeaveMessageInput): Promise<LeaveMessageResult>;
}
