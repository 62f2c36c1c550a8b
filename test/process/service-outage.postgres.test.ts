import { afterAll, beforeAll, expect, it, describe } from '@jest/globals';
import pg from 'pg';
import { startService, type ServiceProcess } from '../support/service-process.js';
import { adminQuery, createTestDatabase, type TestDatabase } from '../support/test-databases.js';
import { waitFor } from '../support/wait-for.js';

/** Every connection of the service under test carries this name, so the test terminates only those. */
const APPLICATION_NAME = 'antonia_outage_test';
const QUESTIONS = [
  'mi-a expirat buletinul, ce fac?',
  'cât costă certificatul de urbanism?',
  'unde plătesc impozitul pe casă?',
  'ce acte trebuie pentru căsătorie?',
];
const CONVERSATIONS = 4;
/** Each citizen asks at least this many questions, however slow the machine. */
const TURNS_AT_LEAST = 2;
/** How long backends are terminated every 100 ms while the conversations talk. */
const STORM_MS = 3_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The real service process on PostgreSQL while its connections are killed: first terminated every 100 ms
 * during traffic (a flapping network, a pooler restarting), then a real outage (no connection accepted)
 * and the recovery. A `pg` client that emits 'error' with nobody listening kills a Node process, which
 * only a separate process can show. Citizens behave as the widget does: a message that fails is resent
 * with the same clientMsgId until it is acknowledged.
 */
describe('the service process on PostgreSQL while its connections drop', () => {
  let testDatabase: TestDatabase;
  let service: ServiceProcess;
  let databaseName: string;
  const serverUrl = process.env.TEST_DATABASE_URL!;

  beforeAll(async () => {
    testDatabase = await createTestDatabase('postgres');
    databaseName = new URL(testDatabase.url!).pathname.slice(1);
    const url = new URL(testDatabase.url!);
    url.searchParams.set('application_name', APPLICATION_NAME);
    service = await startService({ DATABASE_URL: url.toString(), API_RATE_LIMIT_PER_MINUTE: '100000' });
  });
  afterAll(async () => {
    await adminQuery(serverUrl, `ALTER DATABASE ${databaseName} ALLOW_CONNECTIONS true`).catch(
      () => undefined,
    );
    await service?.stop();
    await testDatabase?.dispose();
  });

  it('survives, loses nothing acknowledged, answers every question once, and /ready reports outage and recovery', async () => {
    let exitCode: number | null | undefined;
    service.child.on('exit', (code) => (exitCode = code));
    const readiness: number[] = [];
    const ready = async () => {
      const response = await fetch(`${service.baseUrl}/ready`).catch(() => undefined);
      if (response) readiness.push(response.status);
      return response?.status;
    };
    /** Terminates every backend of the service; returns how many. */
    const terminate = async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        // In the select list, not the WHERE clause: evaluated only for the rows that pass the filter.
        const { rows } = await client.query<{ terminated: boolean }>(
          'SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity WHERE application_name = $1',
          [APPLICATION_NAME],
        );
        return rows.filter((row) => row.terminated).length;
      } finally {
        await client.end();
      }
    };

    const conversations: Array<{ id: string; token: string }> = [];
    for (let index = 0; index < CONVERSATIONS; index += 1) {
      const response = await fetch(`${service.baseUrl}/api/v1/conversations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ lang: 'ro' }),
      });
      const { conversationId, token } = (await response.json()) as { conversationId: string; token: string };
      conversations.push({ id: conversationId, token });
    }

    // Citizens: ask, and resend the same message until it is acknowledged (as the widget's outbox does).
    const acknowledged = new Map<string, number>(); // clientMsgId → the seq the service acknowledged
    let failedAttempts = 0;
    let talking = true;
    const ask = async (conversation: { id: string; token: string }, clientMsgId: string, text: string) => {
      for (;;) {
        const response = await fetch(`${service.baseUrl}/api/v1/conversations/${conversation.id}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${conversation.token}` },
          body: JSON.stringify({ text, clientMsgId }),
        }).catch(() => undefined);
        if (response?.status === 200) {
          const { messages } = (await response.json()) as {
            messages: Array<{ seq: number; from: string; clientMsgId: string | null }>;
          };
          const request = messages.find((message) => message.clientMsgId === clientMsgId);
          acknowledged.set(clientMsgId, request!.seq);
          return;
        }
        failedAttempts += 1;
        if (exitCode !== undefined) throw new Error(`the service exited with ${exitCode}`);
        await sleep(50);
      }
    };
    const citizens = conversations.map(async (conversation, index) => {
      for (let turn = 0; talking || turn < TURNS_AT_LEAST; turn += 1)
        await ask(conversation, `c${index}-${turn}`, QUESTIONS[(index + turn) % QUESTIONS.length]);
    });

    // Phase 1: every connection of the service terminated every 100 ms.
    let terminations = 0;
    const stormEnds = Date.now() + STORM_MS;
    while (Date.now() < stormEnds && exitCode === undefined) {
      terminations += await terminate();
      await ready();
      await sleep(100);
    }
    if (exitCode !== undefined)
      throw new Error(
        `the service died after ${terminations} terminations:\n${service.output().slice(-2_000)}`,
      );
    // Phase 2: a real outage (the database refuses connections), then the recovery.
    await adminQuery(serverUrl, `ALTER DATABASE ${databaseName} ALLOW_CONNECTIONS false`);
    terminations += await terminate();
    await waitFor(async () => (await ready()) === 503, '/ready to report the outage');
    await sleep(500);
    await adminQuery(serverUrl, `ALTER DATABASE ${databaseName} ALLOW_CONNECTIONS true`);
    await waitFor(async () => (await ready()) === 200, '/ready to report the recovery', 30_000);
    talking = false;
    await Promise.all(citizens);

    expect(exitCode).toBeUndefined();
    expect(service.output()).not.toMatch(/Unhandled|uncaught/i);
    expect(terminations).toBeGreaterThan(15);
    expect(failedAttempts).toBeGreaterThan(0); // the drops did reach the traffic
    expect(readiness).toContain(503);
    expect(readiness.at(-1)).toBe(200);

    // Every acknowledged question is stored once, at the seq acknowledged, with exactly one answer.
    const { rows } = await testDatabase.database.query<{
      client_msg_id: string;
      seq: number;
      copies: number;
      answers: number;
    }>(
      `SELECT q.client_msg_id, min(q.seq)::int AS seq, count(DISTINCT q.seq)::int AS copies,
              count(a.seq)::int AS answers
         FROM messages q
         LEFT JOIN messages a ON a.conversation_id = q.conversation_id AND a.reply_to = q.seq AND a.author = 'bot'
        WHERE q.author = 'citizen' AND q.conversation_id = ANY($1::uuid[])
        GROUP BY q.conversation_id, q.client_msg_id`,
      [conversations.map((conversation) => conversation.id)],
    );
    expect(acknowledged.size).toBeGreaterThanOrEqual(CONVERSATIONS * TURNS_AT_LEAST);
    expect(rows).toHaveLength(acknowledged.size);
    for (const row of rows) {
      expect({ [row.client_msg_id]: { seq: row.seq, copies: row.copies, answers: row.answers } }).toEqual({
        [row.client_msg_id]: { seq: acknowledged.get(row.client_msg_id), copies: 1, answers: 1 },
      });
    }
  });
});
