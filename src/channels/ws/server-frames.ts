import { z } from 'zod';
import { MessageSchema } from '../../conversations/message.js';
import type { HandoffView } from '../../handoff/handoff-port.js';
import { LangSchema } from '../../language.js';

/**
 * Frames the server sends (docs/protocol.md). The server builds them through these types; tests and
 * the benchmark validate what they receive with the same schemas.
 */
export const HandoffViewSchema = z.object({
  status: z.enum(['none', 'waiting', 'with_clerk', 'offline', 'closed']),
  department: z.string().nullable(),
  position: z.number().int().nullable(),
  estimatedWaitMinutes: z.number().nullable(),
  clerkName: z.string().nullable(),
  ticketOffered: z.boolean(),
  ticketNumber: z.string().nullable(),
}) satisfies z.ZodType<HandoffView>;

export const WelcomeFrameSchema = z.object({
  type: z.literal('welcome'),
  conversationId: z.string(),
  token: z.string(),
  seq: z.number().int().min(0),
  lang: LangSchema,
  handoff: HandoffViewSchema,
});

export const MessageServerFrameSchema = MessageSchema.extend({ type: z.literal('message') });

export const AckFrameSchema = z.object({
  type: z.literal('ack'),
  clientMsgId: z.string(),
  seq: z.number().int().positive(),
});

export const TypingServerFrameSchema = z.object({
  type: z.literal('typing'),
  from: z.enum(['bot', 'clerk']),
  name: z.string().optional(),
});

export const HandoffFrameSchema = HandoffViewSchema.extend({ type: z.literal('handoff') });

export const ErrorCodeSchema = z.enum([
  'invalid_json',
  'invalid_frame',
  'unknown_type',
  'text_too_long',
  'hello_required',
  'already_started',
  'conversation_not_found',
  'not_found',
  'rate_limited',
  'internal_error',
]);
export type WsErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ErrorFrameSchema = z.object({
  type: z.literal('error'),
  code: ErrorCodeSchema,
  message: z.string(),
  ref: z.string().optional(),
  retryAfter: z.number().int().positive().optional(),
});

export const ServerFrameSchema = z.discriminatedUnion('type', [
  WelcomeFrameSchema,
  MessageServerFrameSchema,
  AckFrameSchema,
  TypingServerFrameSchema,
  HandoffFrameSchema,
  ErrorFrameSchema,
]);
export type ServerFrame = z.infer<typeof ServerFrameSchema>;
export type ErrorFrame = z.infer<typeof ErrorFrameSchema>;
