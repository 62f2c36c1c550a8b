import * as z from 'zod/mini';
import { HandoffViewSchema } from './handoff-view.js';
import { LangSchema } from './lang.js';
import { MessageSchema } from './message.js';

/**
 * The frames the server sends on `/ws/chat` (docs/protocol.md, version 1). The server builds them through
 * these types, the widget checks what arrives with the same schemas (the socket is a boundary like any
 * other), and tests and the benchmark validate with them too. zod/mini keeps the widget's bundle small.
 */
export const PROTOCOL_VERSION = 1;

export const WelcomeFrameSchema = z.object({
  type: z.literal('welcome'),
  conversationId: z.string(),
  token: z.string(),
  seq: z.number().check(z.int(), z.gte(0)),
  lang: LangSchema,
  handoff: HandoffViewSchema,
});

export const MessageServerFrameSchema = z.extend(MessageSchema, { type: z.literal('message') });

export const AckFrameSchema = z.object({
  type: z.literal('ack'),
  clientMsgId: z.string(),
  seq: z.number().check(z.int(), z.positive()),
});

export const TypingServerFrameSchema = z.object({
  type: z.literal('typing'),
  from: z.enum(['bot', 'clerk']),
  name: z.optional(z.string()),
});

export const HandoffFrameSchema = z.extend(HandoffViewSchema, { type: z.literal('handoff') });

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
  ref: z.optional(z.string()),
  retryAfter: z.optional(z.number().check(z.int(), z.positive())),
});
export type ErrorFrame = z.infer<typeof ErrorFrameSchema>;

export const ServerFrameSchema = z.discriminatedUnion('type', [
  WelcomeFrameSchema,
  MessageServerFrameSchema,
  AckFrameSchema,
  TypingServerFrameSchema,
  HandoffFrameSchema,
  ErrorFrameSchema,
]);
export type ServerFrame = z.infer<typeof ServerFrameSchema>;

/** The frame, or undefined for anything that is not valid JSON of a known shape. */
export function parseServerFrame(raw: unknown): ServerFrame | undefined {
  if (typeof raw !== 'string') return undefined;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const result = ServerFrameSchema.safeParse(data);
  return result.success ? result.data : undefined;
}

/** Client → server frames, as the widget writes them (the server validates them with its own rules). */
export type ClientFrame =
  | {
      type: 'hello';
      v: 1;
      token?: string;
      conversationId?: string;
      lastSeq?: number;
      lang?: z.infer<typeof LangSchema>;
    }
  | { type: 'message'; clientMsgId: string; text: string; lang?: z.infer<typeof LangSchema> }
  | { type: 'action'; clientMsgId: string; value: string; lang?: z.infer<typeof LangSchema> }
  | { type: 'feedback'; seq: number; rating: 'up' | 'down'; comment?: string }
  | { type: 'typing' }
  | { type: 'handoff.request' }
  | { type: 'handoff.cancel' }
  | { type: 'ticket'; name: string; contact: string; question: string };
