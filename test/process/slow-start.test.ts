import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startMockEmbeddingsServer, type MockEmbeddingsServer } from '../knowledge/mock-embeddings-server.js';
import { freePort, plainLines, runService, startService } from '../support/service-process.js';

/** Longer than Fastify's default 10 s plugin timeout, which used to fail a slow cold start. */
const SLOW_FIRST_ANSWER_MS = 11_000;

/**
 * An embeddings endpoint that holds its first answer for `delayMs`, then behaves like the mock: a slow
 * provider stands in for a slow start-up, deterministically, wherever the test runs.
 */
async function startSlowEmbeddings(
  mock: MockEmbeddingsServer,
  delayMs: number,
): Promise<{ baseUrl: string; close(): Promise<void> }> {
  let first = true;
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += String(chunk)));
    request.on('end', () => {
      const wait = first ? delayMs : 0;
      first = false;
      setTimeout(() => {
        void fetch(`${mock.baseUrl}${request.url?.replace(/^\/v1/, '') ?? ''}`, {
          method: request.method,
          headers: { 'content-type': 'application/json' },
          body,
        })
          .then(async (answer) => {
            response.writeHead(answer.status, { 'content-type': 'application/json' });
            response.end(await answer.text());
          })
          .catch(() => response.writeHead(502).end());
      }, wait);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Pins to CPU 0 where taskset exists (util-linux; CI's Debian has it). */
const onCpu0 = existsSync('/usr/bin/taskset') ? ['taskset', '-c', '0'] : [];

describe('a cold start on a slow, busy machine', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'antonia-slow-start-'));
  const stuckDataDir = mkdtempSync(join(tmpdir(), 'antonia-stuck-start-'));
  let mock: MockEmbeddingsServer;
  let busyLoop: ChildProcess;
  beforeAll(async () => {
    mock = await startMockEmbeddingsServer(64);
    // A competitor for the service's CPU: the service gets about half of one core at most.
    const command = [...onCpu0, process.execPath, '-e', 'for (;;) {}'];
    busyLoop = spawn(command[0], command.slice(1), { stdio: 'ignore' });
  });
  afterAll(async () => {
    busyLoop.kill('SIGKILL');
    await mock.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(stuckDataDir, { recursive: true, force: true });
  });

  it('becomes ready however long opening, migrating and ingesting take, and says what it is doing', async () => {
    const slow = await startSlowEmbeddings(mock, SLOW_FIRST_ANSWER_MS);
    try {
      const service = await startService(
        {
          DATA_DIR: dataDir,
          EMBEDDINGS_PROVIDER: 'openai',
          EMBEDDINGS_BASE_URL: slow.baseUrl,
          EMBEDDINGS_MODEL: 'nomic-embed-text',
        },
        480_000,
        { wrapper: onCpu0 },
      );
      try {
        const messages = service
          .output()
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => (JSON.parse(line) as { msg: string }).msg);
        const step = (text: string) => messages.findIndex((message) => message === text);
        expect(step(`opening the embedded database in ${dataDir}…`)).toBeGreaterThanOrEqual(0);
        expect(step('applying pending migrations…')).toBeGreaterThan(
          step(`opening the embedded database in ${dataDir}…`),
        );
        expect(step('migrations applied')).toBeGreaterThan(step('applying pending migrations…'));
        expect(messages.find((message) => /^ingesting \d+ procedures…$/.test(message))).toBeDefined();
        expect(step('knowledge base ingested')).toBeGreaterThan(step('migrations applied'));
        expect(service.output()).not.toContain('did not start in time');
        expect((await fetch(`${service.baseUrl}/ready`)).status).toBe(200);
      } finally {
        expect(await service.stop()).toBe(0);
      }
    } finally {
      await slow.close();
    }
  }, 600_000);

  it('gives up after STARTUP_TIMEOUT_S with one line instead of hanging on a stuck step', async () => {
    const stuck = await startSlowEmbeddings(mock, 600_000);
    try {
      const { output, exited } = runService({
        PORT: String(await freePort()),
        DATA_DIR: stuckDataDir,
        EMBEDDINGS_PROVIDER: 'openai',
        EMBEDDINGS_BASE_URL: stuck.baseUrl,
        EMBEDDINGS_MODEL: 'nomic-embed-text',
        STARTUP_TIMEOUT_S: '3',
      });
      expect(await exited).toBe(1);
      expect(plainLines(output())).toEqual([
        'ANTONIA failed to start: start-up did not finish within 3 s (STARTUP_TIMEOUT_S); ' +
          'the last progress line above shows the step it was in',
      ]);
    } finally {
      await stuck.close();
    }
  }, 300_000);
});
