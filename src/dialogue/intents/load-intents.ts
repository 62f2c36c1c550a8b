import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { fromProjectRoot } from '../../project-root.js';
import { IntentSchema, type Intent } from './intent-schema.js';

/** Where the intent files live unless a test passes its own folder. */
export const INTENTS_DIRECTORY = fromProjectRoot('intents');

/** Raised when an intent file is invalid; lists every problem as `file: field: message`. */
export class IntentFileError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid intent files:\n${problems.join('\n')}`);
    this.name = 'IntentFileError';
  }
}

/**
 * Reads and validates every `*.yaml` file in the folder. Unlike the knowledge base, a bad intent file
 * stops the service: a missing "human-handoff" intent would silently take away the way to a clerk.
 */
export function loadIntents(directory: string = INTENTS_DIRECTORY): Intent[] {
  const files = readdirSync(directory)
    .filter((file) => file.endsWith('.yaml'))
    .sort();
  const problems: string[] = [];
  const intents: Intent[] = [];
  for (const file of files) {
    let data: unknown;
    try {
      data = parseYaml(readFileSync(join(directory, file), 'utf8'));
    } catch (error) {
      problems.push(`${file}: (yaml): ${(error as Error).message.split('\n')[0]}`);
      continue;
    }
    const result = IntentSchema.safeParse(data);
    if (!result.success) {
      for (const issue of result.error.issues) {
        problems.push(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
      }
      continue;
    }
    const expectedName = file.replace(/\.yaml$/, '');
    if (result.data.name !== expectedName) {
      problems.push(`${file}: name: must equal the file name (${expectedName})`);
      continue;
    }
    intents.push(result.data);
  }
  if (files.length === 0) problems.push(`${directory}: no intent files (*.yaml)`);
  if (problems.length > 0) throw new IntentFileError(problems);
  return intents;
}
