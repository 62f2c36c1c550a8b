import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

/**
 * One JSON error shape for every 4xx/5xx:
 *   { "error": { "code": "validation_failed", "message": "…", "fields": [{ "field": "text", "message": "…" }] },
 *     "requestId": "…" }
 * No stack traces or internal messages reach clients; 5xx details go to the log only.
 */
export type ErrorCode =
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'csrf_failed'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'rate_limited'
  | 'service_unavailable'
  | 'internal_error';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Array<{ field: string; message: string }>,
  ) {
    super(message);
  }
}

export const httpErrors = {
  badRequest: (message: string, field?: string) =>
    new HttpError(400, 'validation_failed', message, field ? [{ field, message }] : undefined),
  unauthorized: (message = 'Authentication required.') => new HttpError(401, 'unauthorized', message),
  forbidden: (message = 'You are not allowed to do this.') => new HttpError(403, 'forbidden', message),
  csrf: () => new HttpError(403, 'csrf_failed', 'Missing or invalid CSRF token.'),
  notFound: (what: string) => new HttpError(404, 'not_found', `${what} not found.`),
  conflict: (message: string) => new HttpError(409, 'conflict', message),
  rateLimited: (retryAfterSeconds: number) =>
    new HttpError(429, 'rate_limited', `Too many requests; try again in ${retryAfterSeconds} s.`),
  unavailable: (message: string) => new HttpError(503, 'service_unavailable', message),
};

export function errorBody(code: ErrorCode, message: string, requestId: string, fields?: HttpError['fields']) {
  return { error: { code, message, ...(fields ? { fields } : {}) }, requestId };
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'validation_failed',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'validation_failed',
  429: 'rate_limited',
  503: 'service_unavailable',
};

export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HttpError) {
      return reply
        .code(error.statusCode)
        .send(errorBody(error.code, error.message, request.id, error.fields));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = error.validation.map((issue) => ({
        field:
          issue.instancePath.replace(/^\//, '').replace(/\//g, '.') ||
          String((issue.params as { issue?: { path?: unknown[] } }).issue?.path?.join('.') ?? ''),
        message: issue.message ?? 'invalid value',
      }));
      const summary = fields.map((f) => `${f.field || 'body'}: ${f.message}`).join('; ');
      return reply
        .code(400)
        .send(errorBody('validation_failed', `Invalid request: ${summary}`, request.id, fields));
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.code(status).send(errorBody('internal_error', 'Internal server error.', request.id));
    }
    return reply
      .code(status)
      .send(errorBody(CODE_BY_STATUS[status] ?? 'validation_failed', error.message, request.id));
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send(
        errorBody('not_found', `Route ${request.method} ${request.url.split('?')[0]} not found.`, request.id),
      ),
  );
}
