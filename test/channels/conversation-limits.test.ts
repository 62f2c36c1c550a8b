import { afterAll, describe, expect, it } from '@jest/globals';
import type { AppConfig } from '../../src/config.js';
import { tokenExpired } from '../../src/conversations/conversation-token.js';
import { buildTestApp, type TestApp } from '../support/build-test-app.js';
import { BACKENDS } from '../support/test-databases.js';
import { ChatClient } from './ws/chat-client.js';

/**
 * Limits on starting conversations (shared by REST and the WebSocket `hello`, per IP and per instance)
 * and the lifetime of citizen tokens (CONVERSATION_RETENTION_DAYS), over both channels.
 */
describe.each(BACKENDS)('conversation creation limits and token lifetime on %s', (backend) => {
  const apps: TestApp[] = [];
  const clients: ChatClient[] = [];
  afterAll(async () => {
    for (const client of clients) await client.close();
    for (const testApp of apps) await testApp.close();
  });

  const listeningApp = async (overrides: Partial<Record<keyof AppConfig, string>>) => {
    const testApp = await buildTestApp(backend, overrides);
    await testApp.app.listen({ port: 0, host: '127.0.0.1' });
    apps.push(testApp);
    return testApp.app;
  };
  const connect = async (app: TestApp['app']) => {
    const client = await ChatClient.connect(app);
    clients.push(client);
    return client;
  };
  const createOverRest = (app: TestApp['app'], remoteAddress = '127.0.0.1') =>
    app.inject({ method: 'POST', url: '/api/v1/conversations', payload: {}, remoteAddress });

  it('counts a WebSocket hello that starts a conversation against the same per-IP budget as REST', async () => {
    const app = await listeningApp({ API_RATE_LIMIT_PER_MINUTE: '3' });
    const started: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const client = await connect(app);
      client.send({ type: 'hello', v: 1 });
      started.push((await client.next('welcome')).conversationId);
    }
    // The REST request limit of this address is untouched, but its creation budget is spent.
    const refused = await createOverRest(app);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);

    // Over the socket: a rate_limited error for the hello, and the socket stays open for another hello.
    const client = await connect(app);
    client.send({ type: 'hello', v: 1 });
    const limited = await client.next('error');
    expect(limited).toMatchObject({ code: 'rate_limited', ref: 'hello' });
    expect(limited.retryAfter).toBeGreaterThanOrEqual(1);
    expect(client.of('welcome')).toHaveLength(0);
    // Resuming an existing conversation starts nothing: not limited.
    const { token } = await app.conversations.create();
    client.send({ type: 'hello', v: 1, token });
    expect(await client.next('welcome')).toMatchObject({ token });
    expect(client.closeCode).toBeUndefined();
    // Another address has its own budget.
    expect((await createOverRest(app, '203.0.113.7')).statusCode).toBe(201);
  });

  it('caps new conversations per instance, all addresses together (CONVERSATIONS_PER_MINUTE)', async () => {
    const app = await listeningApp({ API_RATE_LIMIT_PER_MINUTE: '1000', CONVERSATIONS_PER_MINUTE: '2' });
    expect((await createOverRest(app, '203.0.113.1')).statusCode).toBe(201);
    expect((await createOverRest(app, '203.0.113.2')).statusCode).toBe(201);
    const third = await createOverRest(app, '203.0.113.3');
    expect(third.statusCode).toBe(429);
    expect(Number(third.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    const client = await connect(app);
    client.send({ type: 'hello', v: 1 });
    expect(await client.next('error')).toMatchObject({ code: 'rate_limited', ref: 'hello' });
  });

  it('refuses a token after CONVERSATION_RETENTION_DAYS without activity, over REST and the socket', async () => {
    const app = await listeningApp({ CONVERSATION_RETENTION_DAYS: '7' });
    const fresh = await app.conversations.create();
    const stale = await app.conversations.create();
    const setIdle = (id: string, days: number) =>
      app.db.query(`UPDATE conversations SET updated_at = now() - $2 * interval '1 day' WHERE id = $1`, [
        id,
        days,
      ]);
    await setIdle(fresh.conversation.id, 6);
    await setIdle(stale.conversation.id, 8);
    const read = (id: string, token: string) =>
      app.inject({
        method: 'GET',
        url: `/api/v1/conversations/${id}/messages`,
        headers: { authorization: `Bearer ${token}` },
      });

    expect((await read(fresh.conversation.id, fresh.token)).statusCode).toBe(200);
    const expired = await read(stale.conversation.id, stale.token);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.message).toMatch(/expired/);

    // docs/protocol.md: conversation_not_found, and the same socket may start afresh.
    for (const hello of [
      { token: stale.token, conversationId: stale.conversation.id },
      { token: stale.token },
    ]) {
      const client = await connect(app);
      client.send({ type: 'hello', v: 1, ...hello });
      expect(await client.next('error')).toMatchObject({ code: 'conversation_not_found', ref: 'hello' });
      client.send({ type: 'hello', v: 1 });
      expect((await client.next('welcome')).conversationId).not.toBe(stale.conversation.id);
    }
    const resumed = await connect(app);
    resumed.send({ type: 'hello', v: 1, token: fresh.token });
    expect(await resumed.next('welcome')).toMatchObject({ conversationId: fresh.conversation.id });
  });
});

describe('tokenExpired', () => {
  it('counts whole days of inactivity from the last activity', () => {
    const now = Date.parse('2026-03-31T12:00:00Z');
    expect(tokenExpired('2026-03-01T12:00:00Z', 30, now)).toBe(false);
    expect(tokenExpired('2026-03-01T11:59:59Z', 30, now)).toBe(true);
  });
});
