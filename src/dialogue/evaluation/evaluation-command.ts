import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, type AppConfig } from '../../config.js';
import { EvalDataError } from './eval-data-error.js';
import { openEvaluationService, type EvaluationService } from './evaluation-service.js';
import type { NumberedLine } from './parse-json-lines.js';
import { checkKnownProcedures } from './procedure-slug.js';

/** What distinguishes one evaluation command from another; the plumbing is shared. */
export interface EvaluationCommand<Item> {
  /** Shown on a usage error, e.g. `npm run eval:answers -- --file <questions.jsonl> [--json]`. */
  usage: string;
  parse(text: string, source: string): Array<NumberedLine<Item>>;
  /** The procedures a line names (all must exist in the knowledge base). */
  slugsOf(item: Item): string[];
  evaluate(service: EvaluationService, items: Item[]): Promise<{ missLines: string[]; summaryLine: string }>;
}

export interface CommandOutput {
  out(line: string): void;
  error(line: string): void;
}

/** Exit codes: the figures are the verdict, so any score exits 0; only a wrong call or file does not. */
export const EXIT_OK = 0;
export const EXIT_USAGE_OR_DATA = 2;

/**
 * `--file <path> [--json]`: reads and validates the file (a data error is one line naming the line
 * number), runs it through a fresh evaluation service, prints the misses (unless --json) and, as the
 * last line of stdout, the summary as one JSON object. Returns the exit code (a wrong
 * setting, like a usage or data error, is one line on stderr and exit code 2).
 */
export async function runEvaluationCommand<Item>(
  command: EvaluationCommand<Item>,
  options: { args: string[]; config: () => AppConfig; output: CommandOutput },
): Promise<number> {
  const { output } = options;
  let file: string;
  let json: boolean;
  try {
    const { values } = parseArgs({
      args: options.args,
      options: { file: { type: 'string' }, json: { type: 'boolean', default: false } },
    });
    if (!values.file) throw new Error('--file is required');
    file = values.file;
    json = values.json;
  } catch (error) {
    output.error(`${(error as Error).message}\nusage: ${command.usage}`);
    return EXIT_USAGE_OR_DATA;
  }

  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    output.error(`cannot read ${file}: ${(error as Error).message}`);
    return EXIT_USAGE_OR_DATA;
  }
  let items: Array<NumberedLine<Item>>;
  try {
    items = command.parse(text, file);
  } catch (error) {
    return reportDataError(error, output);
  }

  let config: AppConfig;
  try {
    config = options.config();
  } catch (error) {
    // A wrong setting (e.g. EMBEDDINGS_PROVIDER in .env) is the caller's to fix: one line, as server.ts does.
    if (!(error instanceof ConfigError)) throw error;
    output.error(error.message);
    return EXIT_USAGE_OR_DATA;
  }
  const service = await openEvaluationService({ config });
  try {
    checkKnownProcedures(items, command.slugsOf, service.knowledge, file);
    const { missLines, summaryLine } = await command.evaluate(
      service,
      items.map((item) => item.value),
    );
    if (!json) for (const line of missLines) output.out(line);
    output.out(summaryLine);
    return EXIT_OK;
  } catch (error) {
    return reportDataError(error, output);
  } finally {
    await service.close();
  }
}

/** A data error becomes one line on stderr and exit code 2; anything else is a real failure. */
function reportDataError(error: unknown, output: CommandOutput): number {
  if (!(error instanceof EvalDataError)) throw error;
  output.error(error.message);
  return EXIT_USAGE_OR_DATA;
}
