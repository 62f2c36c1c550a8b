import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clerkOf, requireClerk } from './console-auth.js';
import {
  CONSOLE_ERROR_RESPONSES,
  MessagesAfterQuerySchema,
  CloseBodySchema,
  ConversationIdParamsSchema,
  EmptyBodySchema,
  NoteBodySchema,
  ReassignBodySchema,
  ReplyBodySchema,
  TransferBodySchema,
} from './console-schemas.js';
import {
  ConversationDetailSchema,
  ConversationListSchema,
  ConversationResponseSchema,
  MessageResponseSchema,
  MessagesResponseSchema,
  NoteResponseSchema,
} from '../../protocol/console-api.js';

const tags = ['console'];
const params = ConversationIdParamsSchema;

/** The handed-off conversations: list, read, claim, reply, notes, transfer, close, give back. */
export const conversationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', requireClerk(app));
  const { desk, overview, notes } = app.clerkConsole;

  app.get(
    '/api/v1/console/conversations',
    {
      schema: {
        tags,
        summary: 'Conversations: mine (assigned to me), open (visible, waiting or with a clerk), closed',
        querystring: z.object({ scope: z.enum(['mine', 'open', 'closed']).default('mine') }),
        response: { 200: ConversationListSchema, ...CONSOLE_ERROR_RESPONSES },
      },
    },
    async (request) => ({ items: await overview.list(clerkOf(request), request.query.scope) }),
  );

  app.get(
    '/api/v1/console/conversations/:id',
    {
      schema: {
        tags,
        summary: 'A conversation with its full transcript and internal notes (audited)',
        params,
        response: { 200: ConversationDetailSchema, ...CONSOLE_ERROR_RESPONSES },
      },
    },
    async (request) => desk.open(clerkOf(request), request.params.id, request.ip),
  );

  app.get(
    '/api/v1/console/conversations/:id/messages',
    {
      schema: {
        tags,
        summary: 'Messages after a seq (catching up)',
        params,
        querystring: MessagesAfterQuerySchema,
        response: { 200: MessagesResponseSchema, ...CONSOLE_ERROR_RESPONSES },
      },
    },
    async (request) => ({
      messages: await desk.messagesAfter(clerkOf(request), request.params.id, request.query.afterSeq),
    }),
  );

  app.post(
    '/api/v1/console/conversations/:id/claim',
    {
      schema: {
        tags,
        summary: 'Take a waiting conversation',
        params,
        body: EmptyBodySchema,
        response: { 200: ConversationResponseSchema, ...CONSOLE_ERROR_RESPONSES },
      },
    },
    async (request) => ({
      conversation: await desk.claim(clerkOf(request), request.params.id, request.ip),
    }),
  );

  app.post(
    '/api/v1/console/conversations/:id/messages',
    {
      schema: {
        tags,
        summary: 'Reply to the citizen (assigned clerk only)',
        params,
        body: ReplyBodySchema,
        response: {
          200: MessageResponseSchema,
          201: MessageResponseSchema,
          ...CONSOLE_ERROR_RESPONSES,
        },
      },
    },
    async (request, reply) => {
      const result = await desk.reply(clerkOf(request), request.params.id, request.body, request.ip);
      return reply.code(result.duplicate ? 200 : 201).send({ message: result.message });
    },
  );

  app.post(
    '/api/v1/console/conversations/:id/typing',
    {
      schema: {
        tags,
        summary: 'The clerk is typing',
        params,
        body: EmptyBodySchema,
        response: { 204: z.null(), ...CONSOLE_ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      await desk.typing(clerkOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/console/conversations/:id/notes',
    {
      schema: {
        tags,
        summary: 'Add an internal note (never shown to the citizen)',
        params,
        body: NoteBodySchema,
        response: { 201: NoteResponseSchema, ...CONSOLE_ERROR_RESPONSES },
      },
    },
    async (request, reply) =>
      reply.code(201).send({
        note: await notes.add(clerkOf(request), request.params.id, request.body.text, request.ip),
      }),
  );

  app.post(
    '/api/v1/console/conversations/:id/transfer',
    {
      schema: {
        tags,
        summary: 'Transfer to another department and/or clerk, with a note',
        params,
        body: TransferBodySchema,
        response: { 200: ConversationResponseSchema, ...CONSOLE_ERROR_RESPONSES },
      },
    },
    async (request) => ({
      conversation: await desk.transfer(clerkOf(request), request.params.id, request.body, request.ip),
    }),
  );

  app.post(
    '/api/v1/console/conversations/:id/reassign',
    {
      schema: {
        tags,
        summary: 'Assign to a clerk (supervisors)',
        params,
        body: ReassignBodySchema,
        response: { 200: ConversationResponseSchema, ...CONSOLE_ERROR_RESPONSES },
      },
    },
    async (request) => ({
      conversation: await desk.reassign(
        clerkOf(request, 'supervisor'),
        request.params.id,
        request.body.toClerkId,
        request.ip,
      ),
    }),
  );

  app.post(
    '/api/v1/console/conversations/:id/close',
    {
      schema: {
        tags,
        summary: 'Close with an outcome tag',
        params,
        body: CloseBodySchema,
        response: { 200: ConversationResponseSchema, ...CONSOLE_ERROR_RESPONSES },
      },
    },
    async (request) => ({
      conversation: await desk.close(clerkOf(request), request.params.id, request.body, request.ip),
    }),
  );

  app.post(
    '/api/v1/console/conversations/:id/release',
    {
      schema: {
        tags,
        summary: 'Give the conversation back to the bot',
        params,
        body: EmptyBodySchema,
        response: { 200: ConversationResponseSchema, ...CONSOLE_ERROR_RESPONSES },
      },
    },
    async (request) => ({
      conversation: await desk.release(clerkOf(request), request.params.id, request.ip),
    }),
  );
};
