import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * A problem with DATA_DIR that the operator must fix: its message is one line saying what is wrong and
 * what to do, printed as is by the service and the command-line tools.
 */
export class DataDirError extends Error {
  override name = 'DataDirError';
}

/**
 * Makes sure DATA_DIR is a folder (creating it and its missing parents) and returns its absolute path.
 *
 * Creates one level at a time instead of `mkdirSync(…, { recursive: true })`: on Node 20 the recursive
 * form never returns for a path under /proc (it retries ENOENT forever), which made the service hang.
 */
export function prepareDataDir(dataDir: string): string {
  const absolute = resolve(dataDir);
  const missing: string[] = [];
  let existing = absolute;
  for (;;) {
    const kind = kindOf(existing, absolute);
    if (kind === 'directory') break;
    if (kind === 'other') {
      throw new DataDirError(
        existing === absolute
          ? `DATA_DIR ${absolute} is a file, not a folder: point DATA_DIR at a folder (it is created if missing)`
          : `DATA_DIR ${absolute} cannot be created: ${existing} is a file, not a folder`,
      );
    }
    missing.unshift(existing);
    const parent = dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && kindOf(folder, absolute) === 'directory')
        continue;
      throw dataDirWriteError(absolute, error);
    }
  }
  return absolute;
}

/** Turns a failed write in DATA_DIR into one line that names the cause and the fix. */
export function dataDirWriteError(dataDir: string, error: unknown): DataDirError {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EROFS':
      return new DataDirError(
        `DATA_DIR ${dataDir} is on a read-only file system: point DATA_DIR at a writable folder`,
      );
    case 'EACCES':
    case 'EPERM':
      return new DataDirError(
        `DATA_DIR ${dataDir} is not writable by this user${userSuffix()}: ` +
          'give it write permission or point DATA_DIR at a writable folder',
      );
    case 'ENOSPC':
    case 'EDQUOT':
      return new DataDirError(
        `DATA_DIR ${dataDir} has no space left: free some space or point DATA_DIR elsewhere`,
      );
    default:
      return new DataDirError(
        `DATA_DIR ${dataDir} cannot be written (${code ?? (error as Error).message}): point DATA_DIR at a writable folder`,
      );
  }
}

function kindOf(path: string, dataDir: string): 'directory' | 'other' | 'missing' {
  try {
    return statSync(path).isDirectory() ? 'directory' : 'other';
  } catch (error) {
    // ENOENT: not there yet. ENOTDIR: a parent is a file, which the walk up reports by name.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
    throw dataDirWriteError(dataDir, error);
  }
}

function userSuffix(): string {
  return typeof process.getuid === 'function' ? ` (uid ${process.getuid()})` : '';
}
