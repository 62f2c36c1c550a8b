import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fromProjectRoot } from '../../src/project-root.js';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../support/test-databases.js';
import { KnowledgeBaseFixture } from './knowledge-base-fixture.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a CLI the way `npm run` does (through tsx), with only the given environment. */
function runCli(script: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', fromProjectRoot('src', 'cli', script), ...args],
      { cwd: fromProjectRoot(), env: { PATH: process.env.PATH ?? '', ...env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run eval', () => {
  it('prints one JSON line per question, then the summary as the last line', async () => {
    const run = await runCli(
      'eval.ts',
      ['--file', fromProjectRoot('test', 'fixtures', 'eval-dev.jsonl'), '--json'],
      {},
    );
    expect(run.code).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const summary = lines.at(-1)!;
    expect(Object.keys(summary).sort()).toEqual(
      ['falseDeclineRate', 'maxMs', 'mrr', 'n', 'oosRecall', 'p50Ms', 'p95Ms', 'top1', 'top3'].sort(),
    );
    expect(summary.n).toBe(lines.length - 1);
    for (const key of ['top1', 'top3', 'mrr', 'oosRecall', 'falseDeclineRate']) {
      expect(summary[key]).toBeGreaterThanOrEqual(0);
      expect(summary[key]).toBeLessThanOrEqual(1);
    }
    expect(lines[0]).toMatchObject({
      q: expect.any(String),
      lang: expect.any(String),
      got: expect.any(Array),
    });
    // The command ingests the whole knowledge base (about 100 procedures) into a fresh embedded database.
  }, 300_000);

  it('explains its usage without --file', async () => {
    const run = await runCli('eval.ts', [], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/usage: npm run eval -- --file/);
  });
});

describe('npm run kb:validate', () => {
  let kb: KnowledgeBaseFixture;
  beforeAll(() => {
    kb = new KnowledgeBaseFixture(['petitie', 'pasaport']);
    kb.writeCatalog();
  });
  afterAll(() => kb?.dispose());

  it('exits 0 and says so when every rule holds', async () => {
    const run = await runCli('kb-validate.ts', [], { KB_DIR: kb.directory });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^2 valid procedures, \d+ departments, 0 problems, \d+ warnings$/m);
  });

  it('lists an undated fee, an unofficial first source and an unknown department with path and field, and exits 1', async () => {
    kb.edit('petitie', /^ {4}checked: .*\n/m, '');
    kb.edit(
      'pasaport',
      /^ {4}url: "https:\/\/cj\.prefectura\.mai\.gov\.ro\/pasapoarte\/"$/m,
      '    url: "https://www.monitorulcj.ro/pasapoarte"',
    );
    kb.edit('pasaport', /^department: relatii-publice$/m, 'department: politie-comunitara');
    const run = await runCli('kb-validate.ts', [], { KB_DIR: kb.directory });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/procedures\/petitie\.md: fees\.0\.checked: /);
    expect(run.stdout).toMatch(/procedures\/pasaport\.md: sources\.0\.url: .*"www\.monitorulcj\.ro"/);
    expect(run.stdout).toMatch(
      /procedures\/pasaport\.md: department: unknown department "politie-comunitara"/,
    );
    expect(run.stdout).toMatch(/^1 valid procedures, \d+ departments, [1-9]\d* problems, \d+ warnings$/m);
  });
});

describe.each(BACKENDS)('npm run kb:ingest on %s', (backend) => {
  let testDatabase: TestDatabase | undefined;
  let dataDir: string | undefined;
  let kb: KnowledgeBaseFixture;
  let env: Record<string, string>;

  beforeAll(async () => {
    kb = new KnowledgeBaseFixture(['casatorie', 'pasaport']);
    if (backend === 'postgres') {
      testDatabase = await createTestDatabase('postgres');
      env = { DATABASE_URL: testDatabase.url!, KB_DIR: kb.directory };
    } else {
      dataDir = mkdtempSync(join(tmpdir(), 'antonia-data-'));
      env = { DATA_DIR: dataDir, KB_DIR: kb.directory };
    }
  });
  afterAll(async () => {
    kb?.dispose();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    await testDatabase?.dispose();
  });

  it('ingests the valid files, lists the bad one with its path and field, and exits 1', async () => {
    kb.copy('certificat-urbanism');
    kb.edit('certificat-urbanism', /^kind: procedure$/m, 'kind: office');
    const run = await runCli('kb-ingest.ts', ['--json'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/procedures\/certificat-urbanism\.md: kind: /);
    const report = JSON.parse(run.stdout.trim().split('\n').at(-1)!);
    expect(report.removed.length + report.updated.length + report.added.length).toBeGreaterThan(0);
    expect(report.problems).toHaveLength(1);
  });

  it('exits 0 once the file is fixed, ingesting only what changed', async () => {
    kb.copy('certificat-urbanism');
    const run = await runCli('kb-ingest.ts', [], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^unchanged {2}2$/m);
    expect(run.stdout).toMatch(/^problems {3}0$/m);
  });
});
