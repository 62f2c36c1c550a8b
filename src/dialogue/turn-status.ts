/**
 * How a turn ended. Recorded in the bot message's `meta.status` (and on the citizen message when the bot
 * stays silent), returned to channels, and counted by evaluation.
 */
export const TURN_STATUSES = [
  /** A procedure answer (overview or the facets asked for). */
  'answered',
  /** A greeting, thanks, help, complaint… answered from the intent's own replies. */
  'intent_reply',
  /** Two or three procedures were close: the citizen was asked which one. */
  'clarification_asked',
  /** Nothing in the knowledge base matches the question. */
  'declined_out_of_scope',
  /** Something matched, but not well enough to answer without risking a wrong fact. */
  'declined_low_confidence',
  /** The conversation was handed to the clerks (queued, joined, or a ticket offered). */
  'handoff_requested',
  /** The citizen stopped waiting for a clerk. */
  'handoff_cancelled',
  /** A clerk has (or is about to have) the conversation: the bot stays silent. */
  'silent_with_clerk',
  /** Not a turn: a clerk offered after a thumbs-down on an answer. */
  'clerk_offered',
] as const;
export type TurnStatus = (typeof TURN_STATUSES)[number];

/** Statuses that count as "ANTONIA could not answer" for the two-misses rule. */
export function isMiss(status: TurnStatus): boolean {
  return status === 'declined_out_of_scope' || status === 'declined_low_confidence';
}
