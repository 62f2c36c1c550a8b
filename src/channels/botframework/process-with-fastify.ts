import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '../../http/errors.js';

/**
 * Runs botbuilder's CloudAdapter on a Fastify request. The adapter expects Express-like `req`/`res`
 * objects (it validates their shape), so this gives it a minimal `res` that records status, headers and
 * body, then replies through Fastify.
 */
export async function processWithFastify(
  adapter: CloudAdapter,
  request: FastifyRequest,
  reply: FastifyReply,
  logic: (context: TurnContext) => Promise<void>,
): Promise<FastifyReply> {
  let status = 200;
  let body: unknown;
  const headers: Record<string, string> = {};
  const res = {
    socket: request.raw.socket,
    status(code: number) {
      status = code;
      return res;
    },
    header(name: string, value: unknown) {
      headers[name] = String(value);
      return res;
    },
    send(payload: unknown) {
      body = payload;
      return res;
    },
    end() {
      return res;
    },
  };
  try {
    await adapter.process(
      { body: request.body as Record<string, unknown>, headers: request.headers, method: request.method },
      res,
      logic,
    );
  } catch (error) {
    // validateAndFixActivity() throws outside the adapter's own error handling (a body that is no activity).
    return reply
      .code(400)
      .send(errorBody('validation_failed', `Invalid activity: ${(error as Error).message}`, request.id));
  }
  reply.code(status).headers(headers);
  if (status === 401 || status === 403) {
    return reply.send(
      errorBody(
        status === 401 ? 'unauthorized' : 'forbidden',
        'Bot Framework authentication failed.',
        request.id,
      ),
    );
  }
  return body === undefined ? reply.send() : reply.send(body);
}
