import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { summarizeProcedure } from '../../handoff/procedure-summary.js';
import { normalizeText } from '../../text/normalize.js';
import { httpErrors } from '../../http/errors.js';
import { clerkOf, requireClerk } from './console-auth.js';
import {
  CONSOLE_ERROR_RESPONSES,
  ProcedureSearchQuerySchema,
  ProcedureSlugParamsSchema,
  EmptyBodySchema,
  ProcedureSummaryQuerySchema,
  TicketListQuerySchema,
} from './console-schemas.js';
import {
  ColleagueSchema,
  ConversationListSchema,
  DepartmentSchema,
  ProcedureListSchema,
  ProcedureSummarySchema,
  TicketListSchema,
  TicketResponseSchema,
} from '../../protocol/console-api.js';
import { DepartmentIdSchema } from '../../handoff/clerks/clerk.js';

const tags = ['console'];

/** Departments, queues, tickets, and the knowledge base for quick insertion. */
export const deskRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', requireClerk(app));
  const { overview, deskTickets, catalog } = app.clerkConsole;

  app.get(
    '/api/v1/console/departments',
    {
      schema: {
        tags,
        querystring: z.object({ scope: z.enum(['mine', 'all']).default('mine') }),
        summary: 'Departments visible to the clerk, with queue length and hours',
        response: { 200: z.object({ departments: z.array(DepartmentSchema) }), ...CONSOLE_ERROR_RESPONSES },
      },
    },
    async (request) => ({ departments: await overview.departments(clerkOf(request), request.query.scope) }),
  );

  app.get(
    '/api/v1/console/colleagues',
    {
      schema: {
        tags,
        summary: 'Transfer targets: active members of a department, and supervisors (no e-mail addresses)',
        querystring: z.object({ department: DepartmentIdSchema }),
        response: { 200: z.object({ items: z.array(ColleagueSchema) }), ...CONSOLE_ERROR_RESPONSES },
      },
    },
    async (request) => ({ items: await overview.colleagues(clerkOf(request), request.query.department) }),
  );

  app.get(
    '/api/v1/console/queue',
    {
      schema: {
        tags,
        summary: 'Waiting conversations, oldest first',
        querystring: z.object({ department: DepartmentIdSchema.optional() }),
        response: { 200: ConversationListSchema, ...CONSOLE_ERROR_RESPONSES },
      },
    },
    async (request) => ({ items: await overview.queue(clerkOf(request), request.query.department) }),
  );

  app.get(
    '/api/v1/console/procedures',
    {
      schema: {
        tags,
        summary: 'Procedures of the knowledge base (for inserting a summary)',
        querystring: ProcedureSearchQuerySchema,
        response: { 200: ProcedureListSchema, ...CONSOLE_ERROR_RESPONSES },
      },
    },
    async (request) => {
      clerkOf(request);
      const query = normalizeText(request.query.q ?? '');
      const items = catalog
        .procedures()
        .filter((procedure) => {
          if (!query) return true;
          const haystack = normalizeText(
            [
              procedure.slug,
              procedure.title.ro,
              procedure.title.en,
              procedure.title.hu,
              ...procedure.keywords,
            ].join(' '),
          );
          return haystack.includes(query);
        })
        .slice(0, 50)
        .map((procedure) => ({
          slug: procedure.slug,
          title: procedure.title.ro,
          department: procedure.department,
        }));
      return { items };
    },
  );

  app.get(
    '/api/v1/console/procedures/:slug/summary',
    {
      schema: {
        tags,
        summary:
          "A procedure's summary to insert in a reply, trimmed to the facets of the citizen's question",
        params: ProcedureSlugParamsSchema,
        querystring: ProcedureSummaryQuerySchema,
        response: { 200: ProcedureSummarySchema, ...CONSOLE_ERROR_RESPONSES },
      },
    },
    async (request) => {
      clerkOf(request);
      const procedure = catalog.procedure(request.params.slug);
      if (!procedure) throw httpErrors.notFound('Procedure');
      return summarizeProcedure(procedure, request.query.lang, request.query.question);
    },
  );

  app.get(
    '/api/v1/console/tickets',
    {
      schema: {
        tags,
        summary: 'Messages left by citizens, newest first',
        querystring: TicketListQuerySchema,
        response: { 200: TicketListSchema, ...CONSOLE_ERROR_RESPONSES },
      },
    },
    async (request) => ({ items: await deskTickets.list(clerkOf(request), request.query) }),
  );

  app.post(
    '/api/v1/console/tickets/:number/close',
    {
      schema: {
        tags,
        summary: 'Mark a ticket as handled',
        params: z.object({ number: z.string().regex(/^ANT-\d{4}-\d{6,}$/) }),
        body: EmptyBodySchema,
        response: { 200: TicketResponseSchema, ...CONSOLE_ERROR_RESPONSES },
      },
    },
    async (request) => ({
      ticket: await deskTickets.close(clerkOf(request), request.params.number, request.ip),
    }),
  );
};
