import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { verifyPassword } from '../../src/handoff/clerks/password-hash.js';
import { fromProjectRoot } from '../../src/project-root.js';
import type { Database } from '../../src/storage/database.js';
import { PgliteDatabase } from '../../src/storage/pglite-database.js';
import { BACKENDS, createTestDatabase, type Backend } from '../support/test-databases.js';

function clerkAdd(
  args: string[],
  stdin: string,
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fromProjectRoot('src/cli/clerk-add.ts'), ...args],
      {
        cwd: fromProjectRoot(),
        env: { PATH: process.env.PATH ?? '', ...env },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk) => (output += String(chunk)));
    child.stderr.on('data', (chunk) => (output += String(chunk)));
    child.on('exit', (code) => resolve({ code, output }));
    child.stdin.end(stdin);
  });
}

/** The database the CLI writes to, and a way to read it afterwards. */
async function target(
  backend: Backend,
): Promise<{ env: Record<string, string>; open: () => Promise<Database>; dispose: () => Promise<void> }> {
  if (backend === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'antonia-clerk-add-'));
    return {
      env: { DATA_DIR: dataDir },
      open: () => PgliteDatabase.open({ dataDir }),
      dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const testDatabase = await createTestDatabase('postgres');
  return {
    env: { DATABASE_URL: testDatabase.url! },
    open: async () => testDatabase.database,
    dispose: () => testDatabase.dispose(),
  };
}

describe.each(BACKENDS)('npm run clerk:add (%s)', (backend) => {
  it('creates an account with the password read from stdin, hashed, and audited as created by the CLI', async () => {
    const db = await target(backend);
    try {
      const created = await clerkAdd(
        [
          '--email',
          'Ana.Pop@PrimariaClujNapoca.ro',
          '--name',
          'Ana Pop',
          '--role',
          'supervisor',
          '--departments',
          'urbanism,taxe',
        ],
        'o-parola-foarte-buna\n',
        db.env,
      );
      expect(created.output).toContain(
        'created supervisor Ana Pop <ana.pop@primariaclujnapoca.ro> in taxe, urbanism',
      );
      expect(created.code).toBe(0);
      const refused = await clerkAdd(
        ['--email', 'b@primariaclujnapoca.ro', '--name', 'B', '--departments', 'nu-exista'],
        'o-parola-foarte-buna\n',
        db.env,
      );
      expect(refused.code).toBe(1);
      expect(refused.output).toContain('Unknown department "nu-exista"');
      const short = await clerkAdd(
        ['--email', 'c@primariaclujnapoca.ro', '--name', 'C', '--departments', 'taxe'],
        'scurta\n',
        db.env,
      );
      expect(short.code).toBe(1);
      expect(short.output).toContain('at least 12 characters');

      const database = await db.open();
      try {
        const { rows } = await database.query<{ email: string; role: string; password_hash: string }>(
          'SELECT email, role, password_hash FROM clerks',
        );
        expect(rows.map((row) => row.email)).toEqual(['ana.pop@primariaclujnapoca.ro']);
        expect(rows[0].password_hash).not.toContain('o-parola-foarte-buna');
        expect(await verifyPassword('o-parola-foarte-buna', rows[0].password_hash)).toBe(true);
        const audit = await database.query<{
          action: string;
          actor_id: string | null;
          detail: { via: string };
        }>('SELECT action, actor_id, detail FROM audit_log');
        expect(audit.rows).toEqual([
          { action: 'clerk_create', actor_id: null, detail: expect.objectContaining({ via: 'cli' }) },
        ]);
      } finally {
        if (backend === 'pglite') await database.close();
      }
    } finally {
      await db.dispose();
    }
  });
});
