import { z } from 'zod';
import { SequenceNumberSchema, storableText } from '../../validation/boundary-values.js';

const ConversationIdSchema = storableText().min(1).max(64);

/** What the console sends over /ws/console (docs/console-api.md). */
export const ConsoleClientFrameSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('subscribe'),
    conversationId: ConversationIdSchema,
    lastSeq: SequenceNumberSchema.default(0),
  }),
  z.object({ type: z.literal('unsubscribe'), conversationId: ConversationIdSchema }),
  z.object({ type: z.literal('typing'), conversationId: ConversationIdSchema }),
  z.object({ type: z.literal('ping') }),
]);
export type ConsoleClientFrame = z.infer<typeof ConsoleClientFrameSchema>;

/** Close codes: the session ended (log in again) — the console must not reconnect on its own. */
export const CLOSE_SESSION_ENDED = 4401;
/** Too many subscriptions on one socket (a console needs a few dozen at most). */
export const MAX_SUBSCRIPTIONS = 500;
