import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { fromProjectRoot } from '../project-root.js';

/**
 * A settings file of the knowledge base (retrieval.yaml, conversation.yaml, lexicon.yaml…): the one in
 * the given knowledge-base directory, or the project's own when that directory has none (a test or a
 * synthetic base).
 */
export function knowledgeBaseFile(name: string, knowledgeBaseDirectory?: string): string {
  const local = knowledgeBaseDirectory ? join(knowledgeBaseDirectory, name) : undefined;
  return local && existsSync(local) ? local : fromProjectRoot('knowledge-base', name);
}

/**
 * Reads a YAML file and validates it; a wrong value fails with the file and the field's path. An
 * empty file reads as `empty` (YAML parses it as null).
 */
export function readYamlFile<T>(path: string, schema: z.ZodType<T>, empty: unknown = null): T {
  const result = schema.safeParse(parseYaml(readFileSync(path, 'utf8')) ?? empty);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`${path}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return result.data;
}
