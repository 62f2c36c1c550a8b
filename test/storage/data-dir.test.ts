import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { DataDirError, prepareDataDir } from '../../src/storage/data-dir.js';

describe('preparing DATA_DIR', () => {
  const root = mkdtempSync(join(tmpdir(), 'antonia-datadir-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('creates the folder and its missing parents and returns the absolute path', () => {
    const target = join(root, 'a', 'b', 'c');
    expect(prepareDataDir(target)).toBe(target);
    expect(statSync(target).isDirectory()).toBe(true);
    expect(prepareDataDir(target)).toBe(target);
  });

  it('says so in one line when DATA_DIR, or a folder on its way, is a file', () => {
    const file = join(root, 'a-file');
    writeFileSync(file, '');
    expect(() => prepareDataDir(file)).toThrow(
      new DataDirError(
        `DATA_DIR ${file} is a file, not a folder: point DATA_DIR at a folder (it is created if missing)`,
      ),
    );
    expect(() => prepareDataDir(join(file, 'data'))).toThrow(
      new DataDirError(`DATA_DIR ${join(file, 'data')} cannot be created: ${file} is a file, not a folder`),
    );
  });

  it('fails instead of hanging on a path where no folder can be created (Node 20 recursive mkdir loops on /proc)', () => {
    expect(() => prepareDataDir('/proc/antonia-data')).toThrow(
      new DataDirError(
        'DATA_DIR /proc/antonia-data cannot be written (ENOENT): point DATA_DIR at a writable folder',
      ),
    );
  });
});
