import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { runService, startService } from '../support/service-process.js';

describe('the service as a process on the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'antonia-process-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('becomes ready, stops cleanly on SIGTERM, and keeps its conversations across a restart', async () => {
    const first = await startService({ DATA_DIR: dataDir });
    expect(first.output()).toContain('migrations applied');
    const created = await fetch(`${first.baseUrl}/api/v1/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ lang: 'ro' }),
    });
    const { conversationId, token } = (await created.json()) as { conversationId: string; token: string };
    const asked = await fetch(`${first.baseUrl}/api/v1/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ text: 'mi-a expirat buletinul, ce fac?' }),
    });
    expect(asked.status).toBe(200);
    expect(await first.stop()).toBe(0);
    expect(first.output()).toContain('shutting down');

    const second = await startService({ DATA_DIR: dataDir });
    try {
      // The migrations recorded by the first run are still there: nothing to apply the second time.
      expect(second.output()).not.toContain('migrations applied');
      const ready = await fetch(`${second.baseUrl}/ready`);
      expect(ready.status).toBe(200);
      // The conversation and its answer survived the restart.
      const history = await fetch(
        `${second.baseUrl}/api/v1/conversations/${conversationId}/messages?after=0`,
        {
          headers: { authorization: `Bearer ${token}` },
        },
      );
      const { messages } = (await history.json()) as {
        messages: Array<{ from: string; procedure: string | null }>;
      };
      expect(messages.map((message) => message.from)).toEqual(['citizen', 'bot']);
      expect(messages[1].procedure).toBe('carte-identitate');
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });

  it('refuses a wrong variable with one line naming it and exit code 1', async () => {
    const { output, exited } = runService({ PORT: 'eighty', DATA_DIR: dataDir });
    expect(await exited).toBe(1);
    const lines = output().trim().split('\n');
    expect(lines).toEqual([
      'Invalid configuration: PORT must be a whole number between 1 and 65535 (got "eighty")',
    ]);
  });

  it('explains a DATABASE_URL it cannot reach instead of crashing with a stack trace', async () => {
    const { output, exited } = runService({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(await exited).toBe(1);
    expect(output()).toMatch(/^ANTONIA failed to start: /m);
    expect(output()).not.toMatch(/^\s+at /m);
  });
});
