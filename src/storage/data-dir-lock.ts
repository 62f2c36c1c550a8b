import { randomBytes } from 'node:crypto';
import { closeSync, linkSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import { DataDirError, dataDirWriteError } from './data-dir.js';

/**
 * An exclusive lock on DATA_DIR. The embedded database lives in one process's memory: a second process
 * opening the same folder (a second service, `clerk:add`, `migrate`, `kb:ingest`) would see only its own
 * writes, and one side's acknowledged data would be lost at the next restart. So every opener takes this
 * lock first and a second one is refused.
 *
 * The lock is a file created with O_EXCL that names its holder (PID, host, start time). Node has no
 * flock(), so a lock left behind by a killed process is recognised instead: its PID is gone, or now
 * belongs to another process (a different start time in /proc), or is this very process (a container
 * restarted as PID 1 again). A lock from another host (a shared volume) cannot be checked and is honoured.
 */
export const LOCK_FILE_NAME = 'antonia.lock';

interface LockHolder {
  pid: number;
  host: string;
  program: string;
  since: string;
  /** Linux: the holder's start time in clock ticks since boot, to tell a reused PID from the holder. */
  processStart?: string;
}

export interface DataDirLock {
  readonly path: string;
  /** Deletes the lock file if it is still ours. Safe to call twice. */
  release(): void;
}

/** Lock files this process holds, released on exit even when nobody closes the database. */
const heldHere = new Map<string, string>();
let exitHookInstalled = false;

export function lockDataDir(dataDir: string): DataDirLock {
  const lockPath = join(dataDir, LOCK_FILE_NAME);
  if (heldHere.has(lockPath)) {
    throw new DataDirError(
      `DATA_DIR ${dataDir} is already open in this process: close the other database first`,
    );
  }
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    program: basename(process.argv[1] ?? process.argv0),
    since: new Date().toISOString(),
    processStart: processStartTime(process.pid),
  };
  const content = `${JSON.stringify(holder)}\n`;
  // A few rounds: each one either takes the lock, refuses, or clears a stale lock and tries again.
  for (let round = 0; round < 5; round++) {
    if (createExclusive(lockPath, content, dataDir)) {
      heldHere.set(lockPath, content);
      installExitHook();
      return { path: lockPath, release: () => release(lockPath, content) };
    }
    const existing = readLock(lockPath);
    if (existing === undefined) continue; // released in the meantime
    const other = parseHolder(existing);
    if (other && isAlive(other)) throw inUseError(dataDir, lockPath, other);
    removeStale(lockPath, existing);
  }
  throw new DataDirError(
    `DATA_DIR ${dataDir} could not be locked: other processes keep taking ${lockPath}; stop them and start again`,
  );
}

function createExclusive(lockPath: string, content: string, dataDir: string): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    // The lock is the first write into DATA_DIR: an unwritable folder is reported here, in one line.
    throw dataDirWriteError(dataDir, error);
  }
  try {
    writeSync(fd, content);
  } catch (error) {
    closeSync(fd);
    unlinkSync(lockPath);
    throw dataDirWriteError(dataDir, error);
  }
  closeSync(fd);
  return true;
}

/** The lock file's text, waiting briefly once if it is empty (its creator is between open and write). */
function readLock(lockPath: string): string | undefined {
  for (let attempt = 0; attempt < 2; attempt++) {
    let text: string;
    try {
      text = readFileSync(lockPath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    if (text.trim() !== '' || attempt === 1) return text;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  }
  return undefined;
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(text) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') return undefined;
    return {
      pid: parsed.pid,
      host: parsed.host,
      program: String(parsed.program ?? 'unknown'),
      since: String(parsed.since ?? 'unknown'),
      processStart: typeof parsed.processStart === 'string' ? parsed.processStart : undefined,
    };
  } catch {
    return undefined; // unreadable: not a lock any process of ours could still be writing
  }
}

function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  // Not one of ours (heldHere was checked): a previous run with the same PID, e.g. PID 1 in a container.
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    // EPERM: the process exists but belongs to another user.
  }
  const start = processStartTime(holder.pid);
  return holder.processStart === undefined || start === undefined || start === holder.processStart;
}

/**
 * Moves the stale lock aside before deleting it, so that of two processes clearing the same stale lock
 * at once, the slower one cannot delete the lock the faster one has just created: it finds that lock
 * in its hands instead of the stale one, and puts it back.
 */
function removeStale(lockPath: string, staleText: string): void {
  const aside = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    renameSync(lockPath, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (readFileSync(aside, 'utf8') === staleText) {
    unlinkSync(aside);
    return;
  }
  try {
    linkSync(aside, lockPath);
  } catch {
    // A third opener created a lock in the meantime: it holds the folder; ours goes.
  }
  unlinkSync(aside);
}

function release(lockPath: string, content: string): void {
  if (heldHere.get(lockPath) !== content) return;
  heldHere.delete(lockPath);
  try {
    if (readFileSync(lockPath, 'utf8') === content) unlinkSync(lockPath);
  } catch {
    // Already gone (the folder was deleted): nothing to release.
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const [lockPath, content] of heldHere) release(lockPath, content);
  });
}

/** Field 22 of /proc/<pid>/stat (start time since boot), or undefined where there is no /proc. */
function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may contain spaces: count fields after it.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function inUseError(dataDir: string, lockPath: string, holder: LockHolder): DataDirError {
  const who = `pid ${holder.pid}, ${holder.program}, since ${holder.since}`;
  if (holder.host !== hostname()) {
    return new DataDirError(
      `DATA_DIR ${dataDir} is in use by ANTONIA on host ${holder.host} (${who}): stop it there, or use PostgreSQL ` +
        `(DATABASE_URL) to run several instances; if nothing runs there any more, delete ${lockPath}`,
    );
  }
  return new DataDirError(
    `DATA_DIR ${dataDir} is in use by another ANTONIA process (${who}): stop it first, or use PostgreSQL ` +
      '(DATABASE_URL) to run several instances',
  );
}
