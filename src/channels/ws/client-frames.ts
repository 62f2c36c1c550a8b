import { z } from 'zod';
import { LangSchema } from '../../language.js';
import { MessageSeqSchema, SequenceNumberSchema, storableText } from '../../validation/boundary-values.js';

/**
 * Frames a client may send (docs/protocol.md). Unknown fields are stripped, so a newer client may add
 * optional fields without breaking an older server.
 */
export const PROTOCOL_VERSION = 1;
export const MAX_TEXT_LENGTH = 2_000;

const ClientMsgIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,64}$/, { message: 'must be 1-64 characters of A-Z a-z 0-9 _ . : -' });
const TextSchema = storableText()
  .trim()
  .min(1, { message: 'must not be empty' })
  .max(MAX_TEXT_LENGTH, { message: `must be at most ${MAX_TEXT_LENGTH} characters` });

export const HelloFrameSchema = z.object({
  type: z.literal('hello'),
  // Any number here: an unsupported version closes the socket with 4000 rather than failing validation.
  v: z.number(),
  token: storableText().min(1).max(200).optional(),
  conversationId: storableText().min(1).max(100).optional(),
  lastSeq: SequenceNumberSchema.default(0),
  lang: LangSchema.optional(),
});

export const MessageFrameSchema = z.object({
  type: z.literal('message'),
  clientMsgId: ClientMsgIdSchema,
  text: TextSchema,
  lang: LangSchema.optional(),
});

export const ActionFrameSchema = z.object({
  type: z.literal('action'),
  clientMsgId: ClientMsgIdSchema.optional(),
  value: storableText().trim().min(1).max(200),
  lang: LangSchema.optional(),
});

export const FeedbackFrameSchema = z.object({
  type: z.literal('feedback'),
  seq: MessageSeqSchema,
  rating: z.enum(['up', 'down']),
  comment: storableText().trim().max(1_000).optional(),
});

export const TypingFrameSchema = z.object({ type: z.literal('typing') });
export const HandoffRequestFrameSchema = z.object({ type: z.literal('handoff.request') });
export const HandoffCancelFrameSchema = z.object({ type: z.literal('handoff.cancel') });

export const TicketFrameSchema = z.object({
  type: z.literal('ticket'),
  name: storableText().trim().min(1).max(120),
  contact: storableText().trim().min(3).max(200),
  question: TextSchema,
});

export const ClientFrameSchema = z.discriminatedUnion('type', [
  HelloFrameSchema,
  MessageFrameSchema,
  ActionFrameSchema,
  FeedbackFrameSchema,
  TypingFrameSchema,
  HandoffRequestFrameSchema,
  HandoffCancelFrameSchema,
  TicketFrameSchema,
]);
export type ClientFrame = z.infer<typeof ClientFrameSchema>;
export type ClientFrameType = ClientFrame['type'];
export type HelloFrame = z.infer<typeof HelloFrameSchema>;
export type MessageFrame = z.infer<typeof MessageFrameSchema>;
export type ActionFrame = z.infer<typeof ActionFrameSchema>;
export type FeedbackFrame = z.infer<typeof FeedbackFrameSchema>;
export type TicketFrame = z.infer<typeof TicketFrameSchema>;

const CLIENT_FRAME_TYPES: ReadonlySet<string> = new Set(
  ClientFrameSchema.options.map((o) => o.shape.type.value),
);

export type FrameProblem = {
  code: 'invalid_json' | 'invalid_frame' | 'unknown_type' | 'text_too_long';
  message: string;
  /** The clientMsgId (or type) of the frame, when it could be read, so the client can match the error. */
  ref?: string;
};

export type ParsedFrame = { ok: true; frame: ClientFrame } | { ok: false; problem: FrameProblem };

/** Reads one raw WebSocket message into a validated frame, or says precisely what is wrong with it. */
export function parseClientFrame(raw: string): ParsedFrame {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ok: false, problem: { code: 'invalid_json', message: 'The frame is not valid JSON.' } };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, problem: { code: 'invalid_json', message: 'The frame must be a JSON object.' } };
  }
  const record = data as Record<string, unknown>;
  const type = record.type;
  if (typeof type !== 'string' || !CLIENT_FRAME_TYPES.has(type)) {
    return {
      ok: false,
      problem: {
        code: 'unknown_type',
        message: `Unknown frame type ${JSON.stringify(type ?? null).slice(0, 40)}.`,
      },
    };
  }
  const ref = typeof record.clientMsgId === 'string' ? record.clientMsgId.slice(0, 64) : type;
  const result = ClientFrameSchema.safeParse(data);
  if (result.success) return { ok: true, frame: result.data };
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || 'frame';
  const tooLongText =
    issue?.code === 'too_big' && (field === 'text' || field === 'question') && issue.origin === 'string';
  return {
    ok: false,
    problem: {
      code: tooLongText ? 'text_too_long' : 'invalid_frame',
      message: `${field} ${issue?.message ?? 'is invalid'}`,
      ref,
    },
  };
}
