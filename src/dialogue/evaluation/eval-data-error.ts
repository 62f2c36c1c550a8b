/**
 * A mistake in an evaluation file (bad JSON, a missing field, an unknown procedure). Its message is one
 * line naming the file and the line number, so the command can print it as is and stop.
 */
export class EvalDataError extends Error {
  override name = 'EvalDataError';

  constructor(source: string, line: number, problem: string) {
    super(`${source}:${line}: ${problem}`);
  }
}
