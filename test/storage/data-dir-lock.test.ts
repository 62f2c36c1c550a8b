import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { DataDirError } from '../../src/storage/data-dir.js';
import { LOCK_FILE_NAME, lockDataDir, type DataDirLock } from '../../src/storage/data-dir-lock.js';

/** A process that is alive for the test's duration. */
function sleeper() {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120000)'], { stdio: 'ignore' });
  return child;
}

describe('the DATA_DIR lock', () => {
  const root = mkdtempSync(join(tmpdir(), 'antonia-lock-unit-'));
  const held: DataDirLock[] = [];
  const children: ReturnType<typeof sleeper>[] = [];
  let counter = 0;
  const freshDir = () => mkdtempSync(join(root, `d${counter++}-`));
  const writeHolder = (dir: string, holder: Record<string, unknown>) =>
    writeFileSync(join(dir, LOCK_FILE_NAME), JSON.stringify(holder));
  const take = (dir: string) => {
    const lock = lockDataDir(dir);
    held.push(lock);
    return lock;
  };
  const holderPid = (dir: string) =>
    (JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8')) as { pid: number }).pid;

  afterEach(() => {
    for (const lock of held.splice(0)) lock.release();
    for (const child of children.splice(0)) child.kill('SIGKILL');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is exclusive within one process too, and released only by its holder', () => {
    const dir = freshDir();
    const lock = take(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirError);
    expect(() => lockDataDir(dir)).toThrow(/is already open in this process/);
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
    take(dir);
    lock.release(); // the old handle must not delete the new holder's lock
    expect(holderPid(dir)).toBe(process.pid);
  });

  it('refuses a folder held by a live process on this host, naming it and saying what to do', async () => {
    const dir = freshDir();
    const child = sleeper();
    children.push(child);
    await new Promise((resolve) => child.once('spawn', resolve));
    writeHolder(dir, {
      pid: child.pid,
      host: hostname(),
      program: 'server.js',
      since: '2026-12-06T10:00:00.000Z',
    });
    expect(() => lockDataDir(dir)).toThrow(
      `DATA_DIR ${dir} is in use by another ANTONIA process (pid ${child.pid}, server.js, since 2026-12-06T10:00:00.000Z): ` +
        'stop it first, or use PostgreSQL (DATABASE_URL) to run several instances',
    );
    expect(holderPid(dir)).toBe(child.pid);
  });

  it('takes over a lock whose process is gone', async () => {
    const dir = freshDir();
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    await new Promise((resolve) => child.once('exit', resolve));
    writeHolder(dir, { pid: child.pid, host: hostname(), program: 'server.js', since: 'earlier' });
    take(dir);
    expect(holderPid(dir)).toBe(process.pid);
  });

  it('takes over a lock whose PID now belongs to another process (a different start time)', async () => {
    const dir = freshDir();
    const child = sleeper();
    children.push(child);
    await new Promise((resolve) => child.once('spawn', resolve));
    writeHolder(dir, {
      pid: child.pid,
      host: hostname(),
      program: 'server.js',
      since: 'x',
      processStart: '1',
    });
    take(dir);
    expect(holderPid(dir)).toBe(process.pid);
  });

  it('takes over a lock naming this very PID (a container restarted as PID 1) and an unreadable one', () => {
    const ownPid = freshDir();
    writeHolder(ownPid, {
      pid: process.pid,
      host: hostname(),
      program: 'server.js',
      since: 'before a restart',
    });
    take(ownPid);
    expect(holderPid(ownPid)).toBe(process.pid);
    const garbage = freshDir();
    writeFileSync(join(garbage, LOCK_FILE_NAME), 'not json');
    take(garbage);
    expect(holderPid(garbage)).toBe(process.pid);
  });

  it('honours a lock from another host, which it cannot check, and says which file to delete', () => {
    const dir = freshDir();
    writeHolder(dir, { pid: 1, host: 'other-host', program: 'server.js', since: 'x' });
    expect(() => lockDataDir(dir)).toThrow(
      `DATA_DIR ${dir} is in use by ANTONIA on host other-host (pid 1, server.js, since x): stop it there, or use ` +
        `PostgreSQL (DATABASE_URL) to run several instances; if nothing runs there any more, delete ${join(dir, LOCK_FILE_NAME)}`,
    );
  });
});
