import { z } from 'zod';
import type { KnowledgeCatalog } from '../../knowledge/retrieval-contract.js';
import { EvalDataError } from './eval-data-error.js';
import type { NumberedLine } from './parse-json-lines.js';

/** A procedure named in an evaluation file: the slug of a file in knowledge-base/procedures/. */
export const ProcedureSlugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'must be a procedure slug (kebab-case)' });

/**
 * Fails on the first line naming a procedure the knowledge base does not have: a misspelt slug would
 * otherwise count as a wrong answer forever, and nobody would notice.
 */
export function checkKnownProcedures<T>(
  lines: Array<NumberedLine<T>>,
  slugsOf: (value: T) => string[],
  catalog: Pick<KnowledgeCatalog, 'procedure'>,
  source: string,
): void {
  for (const { line, value } of lines) {
    const unknown = slugsOf(value).find((slug) => catalog.procedure(slug) === undefined);
    if (unknown)
      throw new EvalDataError(source, line, `"${unknown}" is not a procedure of the knowledge base`);
  }
}
