import { z } from 'zod';
import { CLOSE_OUTCOMES } from '../protocol/console-api.js';

// A handed-off conversation, its summary and notes as the console receives them are part of the wire
// contract (src/protocol/console-api.ts).
export {
  CLOSE_OUTCOMES,
  ConsoleConversationSchema,
  HandoffSummarySchema,
  NoteSchema,
  type CloseOutcome,
  type ConsoleConversation,
  type HandoffSummary,
  type Note,
} from '../protocol/console-api.js';

/** How a clerk closes a conversation (validated on the way in, with full zod). */
export const CloseOutcomeSchema = z.enum(CLOSE_OUTCOMES);
