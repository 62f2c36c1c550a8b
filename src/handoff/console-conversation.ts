import { z } from 'zod';
import { LangSchema } from '../language.js';

/** What the clerk reads before claiming: why the bot handed over and what it thought the question was about. */
export const HandoffSummarySchema = z.object({
  question: z.string(),
  reason: z.string(),
  procedureSlug: z.string().nullable(),
  procedureTitle: z.string().nullable(),
  confidence: z.number().nullable(),
  lang: LangSchema,
});

/** A handed-off conversation as the clerk console lists it (see docs/console-api.md). */
export const ConsoleConversationSchema = z.object({
  conversationId: z.string(),
  status: z.enum(['bot', 'waiting', 'with_clerk', 'closed']),
  department: z.string(),
  clerk: z.object({ id: z.string(), name: z.string() }).nullable(),
  lang: LangSchema,
  channel: z.enum(['web', 'api', 'botframework']),
  summary: HandoffSummarySchema,
  queuedAt: z.string().nullable(),
  position: z.number().int().nullable(),
  assignedAt: z.string().nullable(),
  ticketOffered: z.boolean(),
  outcome: z.string().nullable(),
  lastSeq: z.number().int(),
  updatedAt: z.string(),
});
export type ConsoleConversation = z.infer<typeof ConsoleConversationSchema>;

/** An internal note: for clerks only; kept out of `messages` so no citizen path can ever read it. */
export const NoteSchema = z.object({
  id: z.number().int(),
  conversationId: z.string(),
  author: z.object({ id: z.string(), name: z.string() }).nullable(),
  text: z.string(),
  createdAt: z.string(),
});
export type Note = z.infer<typeof NoteSchema>;

export const CLOSE_OUTCOMES = ['resolved', 'referred', 'ticket', 'no_response', 'spam', 'other'] as const;
export const CloseOutcomeSchema = z.enum(CLOSE_OUTCOMES);
export type CloseOutcome = z.infer<typeof CloseOutcomeSchema>;
