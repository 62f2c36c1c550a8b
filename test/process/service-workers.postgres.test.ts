import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  freePort,
  plainLines,
  runService,
  startService,
  type ServiceProcess,
} from '../support/service-process.js';
import { createTestDatabase, type TestDatabase } from '../support/test-databases.js';
import { waitFor } from '../support/wait-for.js';

interface LogRecord {
  pid?: number;
  msg?: string;
}

/** The service's JSON log records (every process writes to the same output). */
function records(output: string): LogRecord[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogRecord);
}

const listeningPids = (output: string) =>
  records(output)
    .filter((record) => record.msg?.startsWith('Server listening'))
    .map((record) => record.pid!);

/** One HTTP request on a connection of its own, so node:cluster hands each to the next worker. */
function send(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      `${baseUrl}${path}`,
      {
        method,
        agent: false,
        headers: {
          ...(payload ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += String(chunk)));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : null }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * SERVICE_WORKERS=2: one primary and two service processes sharing the port, each a whole instance on
 * the same PostgreSQL (docs/deployment.md). A conversation goes on whichever worker takes the next
 * connection; a worker that dies is replaced; SIGTERM stops them all.
 */
describe('the service with two workers on PostgreSQL', () => {
  let testDatabase: TestDatabase;
  let service: ServiceProcess;

  beforeAll(async () => {
    testDatabase = await createTestDatabase('postgres');
    service = await startService(
      { DATABASE_URL: testDatabase.url!, SERVICE_WORKERS: '2', API_RATE_LIMIT_PER_MINUTE: '100000' },
      120_000,
    );
    await waitFor(
      () => service.output().includes('all service workers are listening'),
      'both workers to listen',
      60_000,
    );
  });
  afterAll(async () => {
    if (service?.child.exitCode === null) await service.stop();
    await testDatabase?.dispose();
  });

  it('answers one conversation across both workers, replaces a worker that dies, and stops them all', async () => {
    const workers = listeningPids(service.output());
    expect(workers).toHaveLength(2);
    expect(new Set([...workers, service.child.pid]).size).toBe(3);

    const created = await send(service.baseUrl, 'POST', '/api/v1/conversations', { lang: 'ro' });
    expect(created.status).toBe(201);
    const { conversationId, token } = created.json as { conversationId: string; token: string };
    const questions = [
      'mi-a expirat buletinul, ce fac?',
      'cât costă?',
      'unde trebuie să merg?',
      'și online?',
    ];
    for (const [index, text] of questions.entries()) {
      const reply = await send(
        service.baseUrl,
        'POST',
        `/api/v1/conversations/${conversationId}/messages`,
        { text, clientMsgId: `w-${index}` },
        token,
      );
      expect(reply.status).toBe(200);
    }
    // Each request came on a new connection: both workers served this conversation's turns.
    const served = new Set(
      records(service.output())
        .filter((record) => record.msg === 'request completed')
        .map((record) => record.pid),
    );
    expect(served).toEqual(new Set(workers));
    // The whole transcript, in order, whichever worker reads it.
    const transcript = await send(
      service.baseUrl,
      'GET',
      `/api/v1/conversations/${conversationId}/messages`,
      undefined,
      token,
    );
    const messages = (
      transcript.json as { messages: Array<{ seq: number; from: string; procedure?: string }> }
    ).messages;
    expect(messages.filter((message) => message.from === 'citizen')).toHaveLength(questions.length);
    expect(messages.map((message) => message.seq)).toEqual(messages.map((_, index) => index + 1));

    // A worker killed outright is replaced, and the service keeps answering.
    process.kill(workers[0], 'SIGKILL');
    await waitFor(() => listeningPids(service.output()).length === 3, 'a replacement worker', 60_000);
    const replacement = listeningPids(service.output())[2];
    expect(workers).not.toContain(replacement);
    for (let attempt = 0; attempt < 4; attempt += 1) {
      expect((await send(service.baseUrl, 'GET', '/ready')).status).toBe(200);
    }

    // SIGTERM to the primary stops every worker gracefully, and the primary exits 0.
    expect(await service.stop()).toBe(0);
    expect([workers[1], replacement].filter(isAlive)).toEqual([]);
  }, 180_000);

  it('stops with exit code 1 and says why when the workers cannot start', async () => {
    // A database that does not exist: each worker fails before it listens, as one process would.
    const url = new URL(testDatabase.url!);
    url.pathname = '/antonia_no_such_database';
    const { output, exited } = runService({
      DATABASE_URL: url.toString(),
      SERVICE_WORKERS: '2',
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
    });
    expect(await exited).toBe(1);
    expect(output()).toContain('a service worker failed to start; stopping');
    expect(plainLines(output()).some((line) => line.startsWith('ANTONIA failed to start:'))).toBe(true);
  }, 120_000);
});
