import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root (the folder with package.json), found from this file's location so that the
 * same code finds `migrations/`, `intents/` and `public/` whether it runs from `src/` (tsx, tests)
 * or from `dist/src/` (npm start).
 */
function findProjectRoot(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(directory, 'package.json')) || directory.endsWith('/dist')) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error('Cannot find the project root (package.json)');
    directory = parent;
  }
  return directory;
}

export const PROJECT_ROOT = findProjectRoot();

export function fromProjectRoot(...segments: string[]): string {
  return join(PROJECT_ROOT, ...segments);
}
