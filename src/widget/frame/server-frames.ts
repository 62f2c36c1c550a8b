import * as z from 'zod/mini';

/**
 * The server → client frames of docs/protocol.md (version 1), checked on arrival: the socket is a
 * boundary like any other. zod/mini keeps this to a few KB in the chat frame's bundle (the server's own
 * schemas use full zod, which is far too large for a browser bundle).
 */
export const LangSchema = z.enum(['ro', 'en', 'hu']);
export type Lang = z.infer<typeof LangSchema>;

export const PROTOCOL_VERSION = 1;

export const ChatMessageSchema = z.object({
  seq: z.number().check(z.int(), z.positive()),
  from: z.enum(['citizen', 'bot', 'clerk', 'system']),
  text: z.string(),
  lang: z.string(),
  procedure: z.nullable(z.string()),
  confidence: z.nullable(z.number()),
  sources: z.array(z.object({ title: z.string(), url: z.string() })),
  suggestions: z.array(z.object({ label: z.string(), value: z.string() })),
  sections: z.array(z.object({ title: z.string(), lines: z.array(z.string()) })),
  authorName: z.nullable(z.string()),
  clientMsgId: z.nullable(z.string()),
  createdAt: z.string(),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

export const HandoffViewSchema = z.object({
  status: z.enum(['none', 'waiting', 'with_clerk', 'offline', 'closed']),
  department: z.nullable(z.string()),
  position: z.nullable(z.number()),
  estimatedWaitMinutes: z.nullable(z.number()),
  clerkName: z.nullable(z.string()),
  ticketOffered: z.boolean(),
  ticketNumber: z.nullable(z.string()),
});
export type HandoffView = z.infer<typeof HandoffViewSchema>;

export const ServerFrameSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    conversationId: z.string(),
    token: z.string(),
    seq: z.number(),
    lang: z.string(),
    handoff: HandoffViewSchema,
  }),
  z.extend(ChatMessageSchema, { type: z.literal('message') }),
  z.object({ type: z.literal('ack'), clientMsgId: z.string(), seq: z.number() }),
  z.object({ type: z.literal('typing'), from: z.enum(['bot', 'clerk']), name: z.optional(z.string()) }),
  z.extend(HandoffViewSchema, { type: z.literal('handoff') }),
  z.object({
    type: z.literal('error'),
    code: z.string(),
    message: z.string(),
    ref: z.optional(z.union([z.string(), z.number()])),
    retryAfter: z.optional(z.number()),
  }),
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

/** Client → server frames (what this widget sends). */
export type ClientFrame =
  | { type: 'hello'; v: 1; token?: string; conversationId?: string; lastSeq?: number; lang?: Lang }
  | { type: 'message'; clientMsgId: string; text: string; lang?: Lang }
  | { type: 'action'; clientMsgId: string; value: string; lang?: Lang }
  | { type: 'feedback'; seq: number; rating: 'up' | 'down'; comment?: string }
  | { type: 'typing' }
  | { type: 'handoff.request' }
  | { type: 'handoff.cancel' }
  | { type: 'ticket'; name: string; contact: string; question: string };
