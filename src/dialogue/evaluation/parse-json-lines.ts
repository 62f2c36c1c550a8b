import type { z } from 'zod';
import { EvalDataError } from './eval-data-error.js';

/** One parsed line of a JSON Lines file, with its 1-based line number for later error messages. */
export interface NumberedLine<T> {
  line: number;
  value: T;
}

/**
 * Parses JSON Lines, validating every line with `schema`. Blank lines are skipped; the first bad line
 * throws an EvalDataError naming its number and the first problem found on it.
 */
export function parseJsonLines<Schema extends z.ZodType>(
  text: string,
  schema: Schema,
  source: string,
): Array<NumberedLine<z.infer<Schema>>> {
  const parsed: Array<NumberedLine<z.infer<Schema>>> = [];
  text.split(/\r?\n/).forEach((content, index) => {
    const line = index + 1;
    if (content.trim() === '') return;
    let data: unknown;
    try {
      data = JSON.parse(content);
    } catch {
      throw new EvalDataError(source, line, 'not valid JSON');
    }
    const result = schema.safeParse(data);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new EvalDataError(source, line, `${issue.path.join('.') || '(line)'}: ${issue.message}`);
    }
    parsed.push({ line, value: result.data });
  });
  if (parsed.length === 0) throw new EvalDataError(source, 1, 'the file has no lines to evaluate');
  return parsed;
}
