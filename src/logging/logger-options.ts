import type { LoggerOptions } from 'pino';
import { redactPersonalData, redactRecord, serializeLoggedError } from './redact-personal-data.js';

/**
 * Secrets by path; personal data by pattern, in every string of every record and message, errors
 * included (message, stack, fields, causes); query parameters and row details never.
 */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        'headers.authorization',
        'headers.cookie',
        '*.password',
        '*.token',
        'password',
        'token',
      ],
      censor: '[redacted]',
    },
    formatters: {
      log: (record) => redactRecord(record) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        const [first, ...rest] = args as unknown[];
        // `log.error(err)` would make the error's own (unredacted) message the log line's `msg`.
        const normalized =
          first instanceof Error
            ? [{ err: first }, ...(typeof rest[0] === 'string' ? rest : [first.message, ...rest])]
            : args;
        const redacted = normalized.map((arg) => (typeof arg === 'string' ? redactPersonalData(arg) : arg));
        return method.apply(this, redacted as Parameters<typeof method>);
      },
    },
    serializers: {
      // Query strings may carry tokens or personal data: log the path only.
      req: (request: { method: string; url: string; id: string; ip?: string }) => ({
        method: request.method,
        url: request.url.split('?')[0],
        id: request.id,
      }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
      err: serializeLoggedError,
      error: serializeLoggedError,
    },
  };
}
