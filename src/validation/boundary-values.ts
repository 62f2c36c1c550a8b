import { z } from 'zod';

/**
 * What may cross a public boundary (REST body, query, WebSocket frame) into storage. One definition,
 * used by every schema, so that a value the database cannot hold is refused with a 400 (or an error
 * frame) at the door instead of failing as a 500 half-way through a turn:
 *
 * - PostgreSQL `text` cannot hold U+0000: an INSERT with a NUL byte fails.
 * - A lone UTF-16 surrogate has no UTF-8 encoding: it fails (or is mangled) on its way to the database,
 *   after earlier statements of the same turn may already have succeeded.
 * - Sequence numbers and counters are PostgreSQL `integer` columns: above 2^31 − 1 a comparison fails.
 */

/** The largest value of a PostgreSQL `integer`. */
export const MAX_SEQUENCE_NUMBER = 2 ** 31 - 1;

// The NUL character is exactly what this pattern is for.
// eslint-disable-next-line no-control-regex
const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isStorableText(text: string): boolean {
  return !NUL.test(text) && !LONE_SURROGATE.test(text);
}

/**
 * A string that PostgreSQL can store. Chain the field's own rules after it, e.g.
 * `storableText().trim().min(1).max(2000)`.
 */
export function storableText(typeMessage = 'must be a string') {
  return (
    z
      // Only the type error gets this message: checks chained later keep their own defaults.
      .string({ error: (issue) => (issue.code === 'invalid_type' ? typeMessage : undefined) })
      .refine((text) => !NUL.test(text), {
        message: 'must not contain a NUL character (U+0000)',
        abort: true,
      })
      .refine((text) => !LONE_SURROGATE.test(text), {
        message: 'must be valid Unicode (no lone UTF-16 surrogate)',
        abort: true,
      })
  );
}

/** A message sequence number (or "after this seq") as a JSON number: 0 … 2^31 − 1. */
export const SequenceNumberSchema = z
  .number({ message: 'must be a number' })
  .int({ message: 'must be an integer' })
  .min(0, { message: 'must not be negative' })
  .max(MAX_SEQUENCE_NUMBER, { message: `must be at most ${MAX_SEQUENCE_NUMBER}` });

/** The seq of an existing message: 1 … 2^31 − 1. */
export const MessageSeqSchema = SequenceNumberSchema.min(1, { message: 'must be at least 1' });

/**
 * A sequence number in a query string (`?after=12`): digits only, so `1e3`, `0x10`, ` 5` or `` are
 * refused rather than coerced into something the client did not write.
 */
export const SequenceQueryParamSchema = z
  .string({ message: 'must be a number' })
  .regex(/^\d{1,10}$/, { message: 'must be a whole number' })
  .transform(Number)
  .pipe(SequenceNumberSchema);

/**
 * A row id in a query string (`?before=812` on the audit log): digits only, like a sequence number, but
 * bounded by what a JavaScript number holds exactly rather than by 2^31 (audit ids are bigserial).
 */
export const RowIdQueryParamSchema = z
  .string({ message: 'must be a number' })
  .regex(/^\d{1,15}$/, { message: 'must be a whole number of at most 15 digits' })
  .transform(Number)
  .pipe(z.number().int().positive({ message: 'must be at least 1' }));
