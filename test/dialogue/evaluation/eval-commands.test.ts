import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { fromProjectRoot } from '../../../src/project-root.js';

/**
 * `npm run eval:dialogue` and `npm run eval:answers` as a user runs them (through tsx, in their own
 * process, on their own in-memory PGlite), on the small hand-made sample files: the output contract
 * (misses, then one JSON line last) and the exit codes. The figures themselves are tested in
 * dialogue-scoring, answer-scoring and dialogue-quality. A run ingests the knowledge base in its own
 * process: on a busy machine that takes a while, hence the longer timeouts.
 */
interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runCli(script: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
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

const lines = (text: string) => text.trim().split('\n');
const scratch = mkdtempSync(join(tmpdir(), 'antonia-eval-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('npm run eval:dialogue', () => {
  it('with --json prints only the summary line, and exits 0 whatever the score', async () => {
    const run = await runCli('eval-dialogue.ts', [
      '--file',
      fromProjectRoot('test', 'fixtures', 'eval-sample-dialogues.jsonl'),
      '--json',
    ]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(lines(run.stdout)).toHaveLength(1);
    const summary = JSON.parse(run.stdout);
    expect(Object.keys(summary)).toEqual([
      'conversations',
      'turns',
      'turnAccuracy',
      'firstTurn',
      'followUp',
      'byLang',
      'p95Ms',
      'chars',
    ]);
    expect(summary).toMatchObject({ conversations: 3, turns: 6 });
    for (const share of [summary.turnAccuracy, summary.byLang.ro, summary.byLang.en, summary.byLang.hu]) {
      expect(share).toBeGreaterThanOrEqual(0);
      expect(share).toBeLessThanOrEqual(1);
    }
  }, 300_000);

  it('names the line of a data error in one line and exits 2', async () => {
    const file = join(scratch, 'broken.jsonl');
    writeFileSync(
      file,
      '{"id":"a","lang":"ro","turns":[{"text":"salut","expect":null}]}\n{"id":"b","lang":"ro"}\n',
    );
    const run = await runCli('eval-dialogue.ts', ['--file', file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toEqual([expect.stringMatching(new RegExp(`^${file}:2: turns: `))]);
  });

  it('explains its usage without --file, and exits 2', async () => {
    const run = await runCli('eval-dialogue.ts', []);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/usage: npm run eval:dialogue -- --file <conversations\.jsonl> \[--json\]/);
  });
});

describe('npm run eval:answers', () => {
  it('prints the misses, then the summary as the last line', async () => {
    const run = await runCli('eval-answers.ts', [
      '--file',
      fromProjectRoot('test', 'fixtures', 'eval-sample-details.jsonl'),
    ]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const output = lines(run.stdout);
    const summary = JSON.parse(output.at(-1)!);
    expect(Object.keys(summary)).toEqual(['n', 'procedureTop1', 'answered', 'declined', 'wrong', 'byLang']);
    expect(summary.n).toBe(4);
    expect(summary.byLang).toMatchObject({ ro: { n: 2 }, en: { n: 1 }, hu: { n: 1 } });
    // The cozonac recipe is out of scope: whatever else happens, that question is a miss.
    const misses = output.slice(0, -1);
    expect(misses).toContainEqual(expect.stringContaining('"Care e rețeta de cozonac?"'));
    expect(misses.every((line) => /^(incomplete|declined|wrong) \[(ro|en|hu)\] /.test(line))).toBe(true);
  }, 300_000);

  it('names a wrong setting in one line, and exits 2', async () => {
    const run = await runCli(
      'eval-answers.ts',
      ['--file', fromProjectRoot('test', 'fixtures', 'eval-sample-details.jsonl')],
      { EMBEDDINGS_PROVIDER: 'magic' },
    );
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual([
      expect.stringMatching(/^Invalid configuration: EMBEDDINGS_PROVIDER /),
    ]);
  });

  it('says it cannot read a missing file, and exits 2', async () => {
    const run = await runCli('eval-answers.ts', ['--file', join(scratch, 'missing.jsonl')]);
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual([expect.stringMatching(/^cannot read .*missing\.jsonl: /)]);
  });
});
