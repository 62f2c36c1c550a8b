import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { clerkOf, requireClerk } from './console-auth.js';
import { SESSION_NOTICE } from './console-notices.js';
import {
  CONSOLE_ERROR_RESPONSES,
  AuditQuerySchema,
  ClerkIdParamsSchema,
  ClerkPatchBodySchema,
  NewClerkBodySchema,
} from './console-schemas.js';
import { AuditListSchema, ClerkListSchema, ClerkResponseSchema } from '../../protocol/console-api.js';

const tags = ['console'];

/** Accounts (read: supervisors; change: admins) and the audit log (supervisors). */
export const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', requireClerk(app));
  const { accounts, audit } = app.clerkConsole;

  app.get(
    '/api/v1/console/clerks',
    {
      schema: {
        tags,
        summary: 'Clerk accounts (supervisors)',
        response: { 200: ClerkListSchema, ...CONSOLE_ERROR_RESPONSES },
      },
    },
    async (request) => {
      clerkOf(request, 'supervisor');
      return { items: await accounts.list() };
    },
  );

  app.post(
    '/api/v1/console/clerks',
    {
      schema: {
        tags,
        summary: 'Create an account (admins)',
        body: NewClerkBodySchema,
        response: { 201: ClerkResponseSchema, ...CONSOLE_ERROR_RESPONSES },
      },
    },
    async (request, reply) => {
      const admin = clerkOf(request, 'admin');
      return reply.code(201).send({ clerk: await accounts.create(request.body, admin, request.ip) });
    },
  );

  app.patch(
    '/api/v1/console/clerks/:id',
    {
      schema: {
        tags,
        summary: 'Change an account (admins)',
        params: ClerkIdParamsSchema,
        body: ClerkPatchBodySchema,
        response: { 200: ClerkResponseSchema, ...CONSOLE_ERROR_RESPONSES },
      },
    },
    async (request) => {
      const admin = clerkOf(request, 'admin');
      const clerk = await accounts.update(request.params.id, request.body, admin, request.ip);
      // Sockets on every instance re-check their session (deactivation and new passwords end sessions).
      await app.conversationEvents.publish({
        kind: 'notice',
        topic: SESSION_NOTICE,
        data: { clerkId: clerk.id },
      });
      return { clerk };
    },
  );

  app.get(
    '/api/v1/console/audit',
    {
      schema: {
        tags,
        summary: 'The audit log, newest first (supervisors)',
        querystring: AuditQuerySchema,
        response: { 200: AuditListSchema, ...CONSOLE_ERROR_RESPONSES },
      },
    },
    async (request) => {
      clerkOf(request, 'supervisor');
      return { items: await audit.list(request.query) };
    },
  );
};
