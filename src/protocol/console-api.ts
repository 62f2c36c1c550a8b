import * as z from 'zod/mini';
import { LangSchema } from './lang.js';
import { MessageSchema, SectionSchema, SourceLinkSchema } from './message.js';

/**
 * What the clerk console API and the console socket send (docs/console-api.md): one definition, used by
 * the server to type and serialize its responses and by the console in the browser to check what arrives.
 * Requests are validated on the server with its own rules (src/channels/console/console-schemas.ts).
 * Unknown fields are dropped on parsing, so a newer service can add some without breaking an older console.
 */

/** Roles are cumulative: an admin can do everything a supervisor can, a supervisor everything a clerk can. */
export const ROLES = ['clerk', 'supervisor', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const AVAILABILITIES = ['available', 'away'] as const;
export const AvailabilitySchema = z.enum(AVAILABILITIES);
export type Availability = z.infer<typeof AvailabilitySchema>;

export const ClerkSchema = z.object({
  id: z.string(),
  email: z.string(),
  /** Display name, shown to citizens ("Ana"). */
  name: z.string(),
  role: RoleSchema,
  departments: z.array(z.string()),
  availability: AvailabilitySchema,
  active: z.boolean(),
  /** Conversations currently assigned to the clerk (with_clerk). */
  openChats: z.number().check(z.int()),
});
export type Clerk = z.infer<typeof ClerkSchema>;

const LocalizedNameSchema = z.object({ ro: z.string(), en: z.string(), hu: z.string() });

export const DepartmentSchema = z.object({
  id: z.string(),
  name: LocalizedNameSchema,
  general: z.boolean(),
  chatHours: z.record(z.string(), z.string()),
  openNow: z.boolean(),
  waiting: z.number().check(z.int()),
  availableClerks: z.number().check(z.int()),
});
export type Department = z.infer<typeof DepartmentSchema>;

/** A transfer target: a member of a department, or a supervisor (no e-mail address). */
export const ColleagueSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: RoleSchema,
  departments: z.array(z.string()),
  availability: AvailabilitySchema,
  /** Seen at the console in the last 2 minutes. */
  present: z.boolean(),
  openChats: z.number().check(z.int()),
});
export type Colleague = z.infer<typeof ColleagueSchema>;

export const HANDOFF_REASONS = [
  'citizen_request',
  'low_confidence',
  'repeated_misses',
  'negative_feedback',
] as const;
export const HandoffReasonSchema = z.enum(HANDOFF_REASONS);
export type HandoffReason = z.infer<typeof HandoffReasonSchema>;

/** What the clerk reads before claiming: why the bot handed over and what it thought the question was about. */
export const HandoffSummarySchema = z.object({
  question: z.string(),
  reason: HandoffReasonSchema,
  procedureSlug: z.nullable(z.string()),
  procedureTitle: z.nullable(z.string()),
  confidence: z.nullable(z.number()),
  lang: LangSchema,
});
export type HandoffSummary = z.infer<typeof HandoffSummarySchema>;

export const ConversationStatusSchema = z.enum(['bot', 'waiting', 'with_clerk', 'closed']);
export type ConversationStatus = z.infer<typeof ConversationStatusSchema>;

const PersonRefSchema = z.object({ id: z.string(), name: z.string() });
export type PersonRef = z.infer<typeof PersonRefSchema>;

/** A handed-off conversation as the clerk console lists it. */
export const ConsoleConversationSchema = z.object({
  conversationId: z.string(),
  status: ConversationStatusSchema,
  department: z.string(),
  clerk: z.nullable(PersonRefSchema),
  lang: LangSchema,
  channel: z.enum(['web', 'api', 'botframework']),
  summary: HandoffSummarySchema,
  queuedAt: z.nullable(z.string()),
  position: z.nullable(z.number().check(z.int())),
  assignedAt: z.nullable(z.string()),
  ticketOffered: z.boolean(),
  outcome: z.nullable(z.string()),
  lastSeq: z.number().check(z.int()),
  updatedAt: z.string(),
});
export type ConsoleConversation = z.infer<typeof ConsoleConversationSchema>;

/** An internal note: for clerks only; kept out of `messages` so no citizen path can ever read it. */
export const NoteSchema = z.object({
  id: z.number().check(z.int()),
  conversationId: z.string(),
  author: z.nullable(PersonRefSchema),
  text: z.string(),
  createdAt: z.string(),
});
export type Note = z.infer<typeof NoteSchema>;

export const CLOSE_OUTCOMES = ['resolved', 'referred', 'ticket', 'no_response', 'spam', 'other'] as const;
export type CloseOutcome = (typeof CLOSE_OUTCOMES)[number];

export const TicketSchema = z.object({
  number: z.string(),
  conversationId: z.nullable(z.string()),
  department: z.string(),
  name: z.string(),
  contact: z.string(),
  question: z.string(),
  lang: LangSchema,
  status: z.enum(['open', 'closed']),
  createdAt: z.string(),
  closedAt: z.nullable(z.string()),
  closedBy: z.nullable(PersonRefSchema),
});
export type Ticket = z.infer<typeof TicketSchema>;

export const AuditEntrySchema = z.object({
  id: z.number().check(z.int()),
  at: z.string(),
  actor: z.nullable(PersonRefSchema),
  action: z.string(),
  conversationId: z.nullable(z.string()),
  targetClerkId: z.nullable(z.string()),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const ProcedureItemSchema = z.object({ slug: z.string(), title: z.string(), department: z.string() });
export type ProcedureItem = z.infer<typeof ProcedureItemSchema>;

/**
 * A procedure as a clerk inserts it: the answer ANTONIA would give to the citizen's question (trimmed to
 * the facets it names), as the clerk's opening words (`lead`) and sections to edit before sending.
 */
export const ProcedureSummarySchema = z.object({
  slug: z.string(),
  title: z.string(),
  /** The procedure's whole summary. */
  summary: z.string(),
  /** What the answer opens with: what it is and the next step, or one sentence before a facet. */
  lead: z.string(),
  /** The facets of the citizen's question that the sections answer (none: the overview). */
  facets: z.array(z.string()),
  sections: z.array(SectionSchema),
  sources: z.array(SourceLinkSchema),
  lastReviewed: z.string(),
  /** The whole answer as plain text (lead, sections, sources), as text-only channels show it. */
  text: z.string(),
});
export type ProcedureSummary = z.infer<typeof ProcedureSummarySchema>;

/** Limits of a reply's sections (an inserted procedure summary, edited by the clerk). */
export const REPLY_SECTION_LIMITS = { sections: 12, titleChars: 200, lines: 40, lineChars: 1000 } as const;

const ReplySectionSchema = z.object({
  title: z.string().check(z.trim(), z.minLength(1), z.maxLength(REPLY_SECTION_LIMITS.titleChars)),
  lines: z
    .array(z.string().check(z.trim(), z.minLength(1), z.maxLength(REPLY_SECTION_LIMITS.lineChars)))
    .check(z.minLength(1), z.maxLength(REPLY_SECTION_LIMITS.lines)),
});

/**
 * A reply sent as a structured answer: the procedure it summarizes (its sources come from the knowledge
 * base, never from the request) and the sections as the clerk left them. The reply's `text` opens it.
 */
export const StructuredReplySchema = z.object({
  procedure: z.string().check(z.minLength(1), z.maxLength(100)),
  sections: z.array(ReplySectionSchema).check(z.minLength(1), z.maxLength(REPLY_SECTION_LIMITS.sections)),
});
export type StructuredReply = z.infer<typeof StructuredReplySchema>;

// --- Response bodies

export const SessionResponseSchema = z.object({ clerk: ClerkSchema, csrfToken: z.string() });
export const ClerkResponseSchema = z.object({ clerk: ClerkSchema });
export const DepartmentsResponseSchema = z.object({ departments: z.array(DepartmentSchema) });
export const ConversationListSchema = z.object({ items: z.array(ConsoleConversationSchema) });
export const ConversationDetailSchema = z.object({
  conversation: ConsoleConversationSchema,
  messages: z.array(MessageSchema),
  notes: z.array(NoteSchema),
});
export const ConversationResponseSchema = z.object({ conversation: ConsoleConversationSchema });
export const MessagesResponseSchema = z.object({ messages: z.array(MessageSchema) });
export const MessageResponseSchema = z.object({ message: MessageSchema });
export const NoteResponseSchema = z.object({ note: NoteSchema });
export const ProcedureListSchema = z.object({ items: z.array(ProcedureItemSchema) });
export const TicketListSchema = z.object({ items: z.array(TicketSchema) });
export const TicketResponseSchema = z.object({ ticket: TicketSchema });
export const ClerkListSchema = z.object({ items: z.array(ClerkSchema) });
export const ColleagueListSchema = z.object({ items: z.array(ColleagueSchema) });
export const AuditListSchema = z.object({ items: z.array(AuditEntrySchema) });

/** Every error response of the API (src/http/errors.ts). */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.optional(z.array(z.object({ field: z.string(), message: z.string() }))),
  }),
  requestId: z.optional(z.string()),
});

// --- Socket frames (server → console)

export const ConsoleServerFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), clerk: ClerkSchema, serverTime: z.string() }),
  z.object({
    type: z.literal('queue'),
    department: z.string(),
    items: z.array(ConsoleConversationSchema),
    availableClerks: z.optional(z.number()),
    openNow: z.optional(z.boolean()),
  }),
  z.object({ type: z.literal('conversation'), conversation: ConsoleConversationSchema }),
  z.object({ type: z.literal('gone'), conversationId: z.string() }),
  z.object({ type: z.literal('message'), conversationId: z.string(), message: MessageSchema }),
  z.object({ type: z.literal('note'), note: NoteSchema }),
  z.object({
    type: z.literal('typing'),
    conversationId: z.string(),
    from: z.enum(['citizen', 'clerk']),
    name: z.optional(z.nullable(z.string())),
  }),
  z.object({ type: z.literal('ticket'), ticket: TicketSchema }),
  z.object({ type: z.literal('me'), clerk: ClerkSchema }),
  z.object({ type: z.literal('subscribed'), conversationId: z.string(), lastSeq: z.number() }),
  z.object({
    type: z.literal('error'),
    code: z.string(),
    message: z.string(),
    conversationId: z.optional(z.nullable(z.string())),
  }),
  z.object({ type: z.literal('pong') }),
]);
export type ConsoleServerFrame = z.infer<typeof ConsoleServerFrameSchema>;

export type ConsoleClientFrame =
  | { type: 'subscribe'; conversationId: string; lastSeq: number }
  | { type: 'unsubscribe'; conversationId: string }
  | { type: 'typing'; conversationId: string }
  | { type: 'ping' };
