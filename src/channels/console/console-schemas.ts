import { z } from 'zod';
import { AuditEntrySchema } from '../../handoff/audit-log.js';
import {
  AvailabilitySchema,
  ClerkSchema,
  DepartmentIdSchema,
  DisplayNameSchema,
  EmailSchema,
  PasswordSchema,
  RoleSchema,
} from '../../handoff/clerks/clerk.js';
import {
  CloseOutcomeSchema,
  ConsoleConversationSchema,
  NoteSchema,
} from '../../handoff/console-conversation.js';
import { TicketSchema } from '../../handoff/ticket-store.js';
import { LangSchema, LocalizedFullSchema } from '../../language.js';
import { MessageSchema, SectionSchema, SourceLinkSchema } from '../../conversations/message.js';
import {
  RowIdQueryParamSchema,
  SequenceQueryParamSchema,
  storableText,
} from '../../validation/boundary-values.js';

/** Request and response bodies of the clerk console API (docs/console-api.md). */

export const ErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  }),
  requestId: z.string(),
});

export const LoginBodySchema = z.object({
  email: storableText().trim().min(1).max(254),
  password: storableText().min(1).max(256),
});
export const SessionSchema = z.object({ clerk: ClerkSchema, csrfToken: z.string() });
export const AvailabilityBodySchema = z.object({ availability: AvailabilitySchema });
export const ClerkResponseSchema = z.object({ clerk: ClerkSchema });

export const DepartmentSchema = z.object({
  id: z.string(),
  name: LocalizedFullSchema,
  general: z.boolean(),
  chatHours: z.record(z.string(), z.string()),
  openNow: z.boolean(),
  waiting: z.number().int(),
  availableClerks: z.number().int(),
});

export const ColleagueSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: RoleSchema,
  departments: z.array(z.string()),
  availability: AvailabilitySchema,
  present: z.boolean(),
  openChats: z.number().int(),
});

export const ConversationIdParamsSchema = z.object({ id: storableText().min(1).max(64) });
export const MessagesAfterQuerySchema = z.object({ afterSeq: SequenceQueryParamSchema.default(0) });
export const ConversationItemsSchema = z.object({ items: z.array(ConsoleConversationSchema) });
export const ConversationResponseSchema = z.object({ conversation: ConsoleConversationSchema });
export const ConversationDetailSchema = z.object({
  conversation: ConsoleConversationSchema,
  messages: z.array(MessageSchema),
  notes: z.array(NoteSchema),
});

export const ReplyBodySchema = z.object({
  text: storableText().trim().min(1).max(4000),
  clientMsgId: z
    .string()
    .regex(/^[\w.:-]{1,64}$/)
    .optional(),
});
export const NoteBodySchema = z.object({ text: storableText().trim().min(1).max(4000) });
export const TransferBodySchema = z
  .object({
    toDepartment: DepartmentIdSchema.optional(),
    toClerkId: z.uuid().optional(),
    note: storableText().trim().max(4000).optional(),
  })
  .refine((body) => body.toDepartment !== undefined || body.toClerkId !== undefined, {
    message: 'toDepartment or toClerkId is required',
    path: ['toDepartment'],
  });
export const ReassignBodySchema = z.object({ toClerkId: z.uuid() });
export const CloseBodySchema = z.object({
  outcome: CloseOutcomeSchema,
  note: storableText().trim().max(4000).optional(),
});
export const EmptyBodySchema = z.object({}).optional();

export const ProcedureListSchema = z.object({
  items: z.array(z.object({ slug: z.string(), title: z.string(), department: z.string() })),
});
export const ProcedureSummarySchema = z.object({
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  sections: z.array(SectionSchema),
  sources: z.array(SourceLinkSchema),
  text: z.string(),
});
export const ProcedureSummaryQuerySchema = z.object({ lang: LangSchema.default('ro') });
export const ProcedureSlugParamsSchema = z.object({ slug: storableText().max(100) });
export const ProcedureSearchQuerySchema = z.object({ q: storableText().max(200).optional() });

export const TicketListQuerySchema = z.object({
  status: z.enum(['open', 'closed']).optional(),
  department: DepartmentIdSchema.optional(),
});
export const TicketListSchema = z.object({ items: z.array(TicketSchema) });
export const TicketResponseSchema = z.object({ ticket: TicketSchema });

export const NewClerkBodySchema = z.object({
  email: EmailSchema,
  name: DisplayNameSchema,
  role: RoleSchema,
  departments: z.array(DepartmentIdSchema).max(50),
  password: PasswordSchema,
});
export const ClerkPatchBodySchema = z
  .object({
    name: DisplayNameSchema.optional(),
    role: RoleSchema.optional(),
    departments: z.array(DepartmentIdSchema).max(50).optional(),
    password: PasswordSchema.optional(),
    active: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to change' });
export const ClerkListSchema = z.object({ items: z.array(ClerkSchema) });
export const ClerkIdParamsSchema = z.object({ id: z.uuid() });

export const AuditQuerySchema = z.object({
  conversationId: z.uuid().optional(),
  clerkId: z.uuid().optional(),
  before: RowIdQueryParamSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const AuditListSchema = z.object({ items: z.array(AuditEntrySchema) });
