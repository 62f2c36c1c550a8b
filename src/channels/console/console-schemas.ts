import { z } from 'zod';
import {
  AvailabilitySchema,
  DepartmentIdSchema,
  DisplayNameSchema,
  EmailSchema,
  PasswordSchema,
  RoleSchema,
} from '../../handoff/clerks/clerk.js';
import { CloseOutcomeSchema } from '../../handoff/console-conversation.js';
import { LangSchema } from '../../language.js';
import {
  isStorableText,
  RowIdQueryParamSchema,
  SequenceQueryParamSchema,
  storableText,
} from '../../validation/boundary-values.js';

/**
 * Request bodies, parameters and queries of the clerk console API (docs/console-api.md), validated with the
 * server's rules (storable text, trimming, lengths). What the API sends back is the wire contract in
 * src/protocol/console-api.ts, shared with the console in the browser; the routes use it from there.
 */
import { ErrorBodySchema, StructuredReplySchema } from '../../protocol/console-api.js';

export const LoginBodySchema = z.object({
  email: storableText().trim().min(1).max(254),
  password: storableText().min(1).max(256),
});
export const AvailabilityBodySchema = z.object({ availability: AvailabilitySchema });

export const ConversationIdParamsSchema = z.object({ id: storableText().min(1).max(64) });
export const MessagesAfterQuerySchema = z.object({ afterSeq: SequenceQueryParamSchema.default(0) });

export const ReplyBodySchema = z.object({
  text: storableText().trim().min(1).max(4000),
  clientMsgId: z
    .string()
    .regex(/^[\w.:-]{1,64}$/)
    .optional(),
  /** An inserted procedure summary, sent as sections (the shared wire shape, src/protocol/console-api.ts). */
  answer: z
    .optional(StructuredReplySchema)
    .refine(
      (answer) =>
        answer === undefined ||
        answer.sections.every(
          (section) => isStorableText(section.title) && section.lines.every((line) => isStorableText(line)),
        ),
      { message: 'must be valid Unicode without NUL characters' },
    ),
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

export const ProcedureSummaryQuerySchema = z.object({
  lang: LangSchema.default('ro'),
  /** The citizen's question (the handoff's): the summary is trimmed to the facets it asks about. */
  question: storableText().max(2000).optional(),
});
export const ProcedureSlugParamsSchema = z.object({ slug: storableText().max(100) });
export const ProcedureSearchQuerySchema = z.object({ q: storableText().max(200).optional() });

export const TicketListQuerySchema = z.object({
  status: z.enum(['open', 'closed']).optional(),
  department: DepartmentIdSchema.optional(),
});

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
export const ClerkIdParamsSchema = z.object({ id: z.uuid() });

export const AuditQuerySchema = z.object({
  conversationId: z.uuid().optional(),
  clerkId: z.uuid().optional(),
  before: RowIdQueryParamSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** The error answers every console route documents: one error body, whatever the status. */
export const CONSOLE_ERROR_RESPONSES = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};
