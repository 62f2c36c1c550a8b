import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { LOCK_FILE_NAME } from '../../src/storage/data-dir-lock.js';
import { freePort, plainLines, runScript, runService, startService } from '../support/service-process.js';

const IN_USE =
  /^DATA_DIR .+ is in use by another ANTONIA process \(pid \d+, server\.ts, since .+\): stop it first, or use PostgreSQL \(DATABASE_URL\) to run several instances$/;

/** Waits until /ready answers 200, or the process exits (then resolves false). */
async function becomesReady(baseUrl: string, exited: Promise<number | null>): Promise<boolean> {
  let gone = false;
  void exited.then(() => (gone = true));
  for (;;) {
    if (gone) return false;
    const ready = await fetch(`${baseUrl}/ready`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ready) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('one process at a time on the embedded data folder', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'antonia-lock-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('lets one of two services started together run, refuses the other and the tools, and survives a kill -9', async () => {
    const ports = [await freePort(), await freePort()];
    const services = ports.map((port) =>
      runService({ HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir }),
    );
    const outcomes = await Promise.all(
      services.map((service, index) => becomesReady(`http://127.0.0.1:${ports[index]}`, service.exited)),
    );
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    const winner = services[outcomes.indexOf(true)];
    const loser = services[outcomes.indexOf(false)];
    try {
      expect(await loser.exited).toBe(1);
      expect(plainLines(loser.output())).toEqual([expect.stringMatching(/^ANTONIA failed to start: /)]);
      expect(plainLines(loser.output())[0].replace('ANTONIA failed to start: ', '')).toMatch(IN_USE);

      // The command-line tools that open the folder are refused the same way while the service runs.
      const env = { DATA_DIR: dataDir };
      const tools = [
        { run: runScript('src/cli/migrate.ts', [], env), prefix: 'migrate failed: ', code: 1 },
        {
          run: runScript('src/cli/kb-ingest.ts', [], env),
          prefix: 'kb:ingest failed, nothing was changed: ',
          code: 2,
        },
        {
          run: runScript(
            'src/cli/clerk-add.ts',
            ['--email', 'ana@primariaclujnapoca.ro', '--name', 'Ana', '--departments', 'urbanism'],
            env,
            { stdin: 'o-parola-foarte-buna\n' },
          ),
          prefix: 'clerk:add failed: ',
          code: 1,
        },
      ];
      for (const tool of tools) {
        expect(await tool.run.exited).toBe(tool.code);
        const lines = plainLines(tool.run.output());
        expect(lines).toHaveLength(1);
        expect(lines[0].startsWith(tool.prefix)).toBe(true);
        expect(lines[0].slice(tool.prefix.length)).toMatch(IN_USE);
      }
      const stillReady = await fetch(`http://127.0.0.1:${ports[services.indexOf(winner)]}/ready`);
      expect(stillReady.status).toBe(200);
    } finally {
      // A killed process cannot release its lock: the file stays behind, naming a dead PID.
      winner.child.kill('SIGKILL');
      await winner.exited;
    }
    const lockPath = join(dataDir, LOCK_FILE_NAME);
    expect(existsSync(lockPath)).toBe(true);
    const stalePid = (JSON.parse(readFileSync(lockPath, 'utf8')) as { pid: number }).pid;
    expect(stalePid).toBe(winner.child.pid);

    const next = await startService({ DATA_DIR: dataDir });
    try {
      const holder = JSON.parse(readFileSync(lockPath, 'utf8')) as { pid: number };
      expect(holder.pid).toBe(next.child.pid);
    } finally {
      expect(await next.stop()).toBe(0);
    }
    // A clean stop releases the lock, and a tool may then open the folder.
    expect(existsSync(lockPath)).toBe(false);
    const migrate = runScript('src/cli/migrate.ts', [], { DATA_DIR: dataDir });
    expect(await migrate.exited).toBe(0);
    expect(migrate.output()).toContain('migrations (pglite): applied 0');
    expect(existsSync(lockPath)).toBe(false);
    // Five processes on a shared two-core machine: a generous budget (this test asserts outcomes, not speed).
  }, 600_000);
});
