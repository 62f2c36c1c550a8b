import type { Lang } from '../language.js';

/**
 * What the dialogue and the channels need from the handoff module, and nothing more.
 * Implemented in src/handoff/ (queues, assignment, office hours, tickets).
 */
export type HandoffReason = 'citizen_request' | 'low_confidence' | 'repeated_misses' | 'negative_feedback';

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

/** What the citizen sees of the handoff (also sent as the WebSocket `handoff` frame). */
export interface HandoffView {
  status: 'none' | 'waiting' | 'with_clerk' | 'offline' | 'closed';
  department: string | null;
  /** 1-based position in the department's queue while waiting. */
  position: number | null;
  estimatedWaitMinutes: number | null;
  /** The clerk's display name once one has joined. */
  clerkName: string | null;
  /** Outside office hours or no clerk in time: the citizen may leave a message (a ticket). */
  ticketOffered: boolean;
  /** Registration number of the ticket the citizen left, if any. */
  ticketNumber: string | null;
}

export interface HandoffPort {
  /** Queues the conversation for a clerk (or offers a ticket when nobody can answer now). */
  request(request: HandoffRequest): Promise<HandoffView>;
  /** The citizen cancels while waiting: back to the bot. Returns false when there was nothing to cancel. */
  cancel(conversationId: string): Promise<boolean>;
  view(conversationId: string): Promise<HandoffView>;
}
