import { z } from 'zod';
import { MessageSchema } from '../../protocol/message.js';
import { CitizenActionSchema } from '../../dialogue/citizen-action.js';
import { MAX_TEXT_LENGTH } from '../../dialogue/dialogue-service.js';
import { LangSchema } from '../../language.js';
import {
  MessageSeqSchema,
  SequenceQueryParamSchema,
  storableText,
} from '../../validation/boundary-values.js';

/** The REST API's request and response shapes (v1). Types are derived from these, never written twice. */
export const ConversationParamsSchema = z.object({ id: storableText().min(1).max(100) });

export const CreateConversationBodySchema = z
  .object({
    lang: LangSchema.optional().describe(
      'The language to start in (ro, en or hu); detected per message anyway.',
    ),
  })
  .strict()
  // A bare POST (no body at all) is fine too.
  .nullish();

export const CreatedConversationSchema = z.object({
  conversationId: z.string(),
  token: z
    .string()
    .describe('The only key to this conversation: send it as `Authorization: Bearer <token>`.'),
});

export const PostMessageBodySchema = z
  .object({
    text: storableText()
      .trim()
      .min(1, { message: 'must not be empty' })
      .max(MAX_TEXT_LENGTH, { message: `must be at most ${MAX_TEXT_LENGTH} characters` })
      .optional()
      .describe('What the citizen wrote (1–2,000 characters).'),
    action: CitizenActionSchema.optional().describe("A quick reply's `value` (instead of text)."),
    // As in the WebSocket protocol (docs/protocol.md): 1-64 characters.
    clientMsgId: z
      .string({ message: 'must be a string' })
      .min(1)
      .max(64, { message: 'must be at most 64 characters' })
      .regex(/^[\w.:-]+$/, { message: 'may hold letters, digits, _ . : - only' })
      .optional()
      .describe('Chosen by the client: sending the same id again returns the first result.'),
  })
  .strict()
  .refine((body) => body.text !== undefined || body.action !== undefined, {
    message: 'text is required (or an action)',
    path: ['text'],
  });

export const MessagesSchema = z.object({ messages: z.array(MessageSchema) });

export const TurnResponseSchema = MessagesSchema.extend({
  duplicate: z.boolean().describe('True when this clientMsgId was answered before (the stored result).'),
});

export const MessagesQuerySchema = z.object({
  after: SequenceQueryParamSchema.default(0).describe('Return messages with a seq greater than this.'),
});

export const FeedbackBodySchema = z
  .object({
    seq: MessageSeqSchema,
    rating: z.enum(['up', 'down']),
    comment: storableText().trim().max(1000).optional(),
  })
  .strict();

export const FeedbackResponseSchema = MessagesSchema.extend({
  recorded: z.literal(true),
});
