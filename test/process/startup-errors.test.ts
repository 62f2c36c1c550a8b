import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { PgliteDatabase } from '../../src/storage/pglite-database.js';
import { freePort, plainLines, runService, type RunOptions } from '../support/service-process.js';

/**
 * Permissions do not bind root: when the suite runs as root (containers), the service runs as
 * `nobody` for these cases, so that a folder without write permission really is unwritable to it.
 */
const unprivileged: RunOptions = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
const serviceUid = unprivileged.uid ?? process.getuid?.();

/** Starts the service on this DATA_DIR and expects exit code 1 with exactly one line saying why. */
async function failedStart(dataDir: string, options: RunOptions = {}): Promise<string> {
  const port = String(await freePort());
  const { output, exited } = runService({ DATA_DIR: dataDir, HOME: tmpdir(), PORT: port }, options);
  expect(await exited).toBe(1);
  const lines = plainLines(output());
  expect(lines).toHaveLength(1);
  expect(output()).not.toMatch(/^\s+at /m);
  return lines[0];
}

describe('start-up errors about DATA_DIR: one clear line, exit code 1, never a hang', () => {
  const root = mkdtempSync(join(tmpdir(), 'antonia-startup-'));
  // mkdtemp makes a 0700 folder: let the unprivileged user reach what is inside.
  chmodSync(root, 0o755);
  const closedEntries = ['PG_VERSION', 'global', 'base'];
  afterAll(() => {
    // Give the owner its permissions back first, or a non-root run could not delete them.
    for (const entry of closedEntries) chmodSync(join(root, 'foreign-files', entry), 0o700);
    rmSync(root, { recursive: true, force: true });
  });

  it('DATA_DIR pointing at a file', async () => {
    const file = join(root, 'data.txt');
    writeFileSync(file, '');
    expect(await failedStart(file)).toBe(
      `ANTONIA failed to start: DATA_DIR ${file} is a file, not a folder: point DATA_DIR at a folder (it is created if missing)`,
    );
  });

  it('DATA_DIR read-only (a folder without write permission)', async () => {
    const readOnly = join(root, 'read-only');
    mkdirSync(readOnly);
    chmodSync(readOnly, 0o555);
    expect(await failedStart(readOnly, unprivileged)).toBe(
      `ANTONIA failed to start: DATA_DIR ${readOnly} is not writable by this user (uid ${serviceUid}): ` +
        'give it write permission or point DATA_DIR at a writable folder',
    );
  });

  it('DATA_DIR that cannot be created in an unwritable parent', async () => {
    const parent = join(root, 'locked-parent');
    mkdirSync(parent);
    chmodSync(parent, 0o555);
    const dataDir = join(parent, 'data');
    expect(await failedStart(dataDir, unprivileged)).toBe(
      `ANTONIA failed to start: DATA_DIR ${dataDir} is not writable by this user (uid ${serviceUid}): ` +
        'give it write permission or point DATA_DIR at a writable folder',
    );
  });

  it('DATA_DIR on a path where nothing can be created (this used to hang)', async () => {
    expect(await failedStart('/proc/antonia-data')).toBe(
      'ANTONIA failed to start: DATA_DIR /proc/antonia-data cannot be written (ENOENT): point DATA_DIR at a writable folder',
    );
  });

  it('an existing database whose files this user cannot read (this said "PGlite failed to initialize properly")', async () => {
    const dataDir = join(root, 'foreign-files');
    const database = await PgliteDatabase.open({ dataDir });
    await database.close();
    // The folder itself is open to all (the lock can be taken); the database files are not.
    chmodSync(dataDir, 0o777);
    for (const entry of closedEntries) chmodSync(join(dataDir, entry), 0);
    const line = await failedStart(dataDir, unprivileged);
    expect(line).toMatch(
      new RegExp(
        `^ANTONIA failed to start: the embedded database in DATA_DIR ${dataDir} could not be opened \\(.+\\): ` +
          'check that this user can read and write every file in it, or point DATA_DIR at another folder$',
      ),
    );
  });
});
