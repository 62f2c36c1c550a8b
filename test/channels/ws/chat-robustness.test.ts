import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AppConfig } from '../../../src/config.js';
import { buildTestApp, type TestApp } from '../../support/build-test-app.js';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../../support/test-databases.js';
import { waitFor } from '../../support/wait-for.js';
import { ChatClient, socketUrl } from './chat-client.js';

const CITY = 'https://primariaclujnapoca.ro';

describe.each(BACKENDS)('/ws/chat robustness on %s', (backend) => {
  let database: TestDatabase;
  const apps: TestApp[] = [];
  const clients: ChatClient[] = [];

  /** A listening app with these settings, on the file's shared test database. */
  const appWith = async (overrides: Partial<Record<keyof AppConfig, string>>) => {
    const testApp = await buildTestApp(backend, { ALLOWED_ORIGINS: CITY, ...overrides }, database);
    await testApp.app.listen({ port: 0, host: '127.0.0.1' });
    apps.push(testApp);
    return testApp.app;
  };
  const track = <T extends ChatClient>(client: T) => {
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    database = await createTestDatabase(backend);
  });
  afterAll(async () => {
    for (const client of clients) await client.close();
    for (const testApp of apps) await testApp.close();
    await database?.dispose();
  });

  describe('bad frames', () => {
    let app: TestApp['app'];
    beforeAll(async () => {
      app = await appWith({});
    });

    it('answers malformed JSON, an unknown type and an oversize text with error frames, and keeps working', async () => {
      const { client } = await ChatClient.start(app);
      track(client);
      client.sendRaw('{"type":"message",');
      client.sendRaw('[1,2,3]');
      client.send({ type: 'subscribe', channel: 'everything' });
      client.send({ type: 'message', clientMsgId: 'long-1', text: 'a'.repeat(2_001) });
      client.send({ type: 'message', clientMsgId: 'bad id with spaces', text: 'bună' });
      client.send({ type: 'message', clientMsgId: 'empty-1', text: '   ' });
      client.sendRaw(Buffer.from([0xde, 0xad]));
      await waitFor(() => client.of('error').length === 7, 'seven error frames');
      expect(client.of('error').map(({ code, ref }) => ({ code, ref }))).toEqual([
        { code: 'invalid_json', ref: undefined },
        { code: 'invalid_json', ref: undefined },
        { code: 'unknown_type', ref: undefined },
        { code: 'text_too_long', ref: 'long-1' },
        { code: 'invalid_frame', ref: 'bad id with spaces' },
        { code: 'invalid_frame', ref: 'empty-1' },
        { code: 'invalid_json', ref: undefined },
      ]);
      expect(client.of('error')[4].message).toMatch(/^clientMsgId /);

      // Still open and working: a proper message is stored and answered.
      client.send({ type: 'message', clientMsgId: 'ok-1', text: 'a'.repeat(2_000) });
      const ack = await client.next('ack');
      expect(ack.clientMsgId).toBe('ok-1');
      expect(client.closeCode).toBeUndefined();
    });

    it('asks for hello first, refuses a second hello, and closes with 4000 on another protocol version', async () => {
      const client = track(await ChatClient.connect(app));
      client.send({ type: 'message', clientMsgId: 'early', text: 'bună ziua' });
      expect(await client.next('error')).toMatchObject({ code: 'hello_required', ref: 'early' });
      client.send({ type: 'hello', v: 1 });
      await client.next('welcome');
      client.send({ type: 'hello', v: 1 });
      expect(await client.next('error', (e) => e.code !== 'hello_required')).toMatchObject({
        code: 'already_started',
      });

      const future = track(await ChatClient.connect(app));
      future.send({ type: 'hello', v: 2 });
      expect(await future.whenClosed()).toBe(4000);
    });

    it('answers an unknown token with conversation_not_found and lets the same socket start afresh', async () => {
      const client = track(await ChatClient.connect(app));
      client.send({ type: 'hello', v: 1, token: 'not-a-real-token', lastSeq: 3 });
      expect(await client.next('error')).toMatchObject({ code: 'conversation_not_found' });
      client.send({ type: 'hello', v: 1, lang: 'hu' });
      expect(await client.next('welcome')).toMatchObject({ seq: 0, lang: 'hu' });

      // A real token with another conversation's id opens nothing either.
      const { client: owner, welcome } = await ChatClient.start(app);
      track(owner);
      const intruder = track(await ChatClient.connect(app));
      intruder.send({ type: 'hello', v: 1, token: 'x'.repeat(43), conversationId: welcome.conversationId });
      expect(await intruder.next('error')).toMatchObject({ code: 'conversation_not_found' });
      expect(intruder.of('message')).toHaveLength(0);
    });

    it('closes with 4001 a socket that never says hello', async () => {
      const client = track(await ChatClient.connect(app));
      expect(await client.whenClosed()).toBe(4001); // after HELLO_TIMEOUT_MS (10 s)
    });

    it('closes with 1009 a frame over 64 KB', async () => {
      const { client } = await ChatClient.start(app);
      track(client);
      client.send({ type: 'message', clientMsgId: 'huge', text: 'a'.repeat(70 * 1024) });
      expect(await client.whenClosed()).toBe(1009);
    });
  });

  describe('origins', () => {
    let app: TestApp['app'];
    beforeAll(async () => {
      app = await appWith({});
    });

    it('closes with 4003 a socket opened from a page of another site', async () => {
      const client = track(await ChatClient.connect(app, { origin: 'https://evil.example' }));
      expect(await client.whenClosed()).toBe(4003);
    });

    it("accepts the city's configured origin, the service's own origin, and non-browser clients", async () => {
      const ownOrigin = socketUrl(app).replace('ws://', 'http://');
      for (const origin of [CITY, ownOrigin, undefined]) {
        const client = track(await ChatClient.connect(app, { origin }));
        client.send({ type: 'hello', v: 1 });
        expect(await client.next('welcome')).toMatchObject({ seq: 0 });
      }
    });
  });

  describe('rate limits', () => {
    it('answers frames over the per-connection limit with rate_limited and retryAfter, not silence', async () => {
      const app = await appWith({ WS_MESSAGES_PER_MINUTE: '4' });
      const { client } = await ChatClient.start(app); // hello is frame 1
      track(client);
      for (let i = 0; i < 4; i += 1) client.send({ type: 'feedback', seq: 900 + i, rating: 'up' });
      await waitFor(() => client.of('error').length === 4, 'four answers');
      // The refusal is immediate; the three allowed frames are answered after a storage read.
      const codes = client.of('error').map((error) => error.code);
      expect([...codes].sort()).toEqual(['not_found', 'not_found', 'not_found', 'rate_limited']);
      const limited = client.of('error').find((error) => error.code === 'rate_limited')!;
      expect(limited.retryAfter).toBeGreaterThanOrEqual(1);
      expect(limited.ref).toBe('feedback');
      // Typing is throttled separately and never rate limited.
      client.send({ type: 'typing' });
      client.send({ type: 'message', clientMsgId: 'limited-1', text: 'bună ziua' });
      expect(await client.next('error', (e) => e.ref === 'limited-1')).toMatchObject({
        code: 'rate_limited',
      });
      expect(client.closeCode).toBeUndefined();
    });

    it('limits the frames of all connections from one IP together', async () => {
      const app = await appWith({ WS_MESSAGES_PER_MINUTE: '100', WS_IP_MESSAGES_PER_MINUTE: '5' });
      const { client: first } = await ChatClient.start(app); // 1
      const { client: second } = await ChatClient.start(app); // 2
      track(first);
      track(second);
      first.send({ type: 'feedback', seq: 901, rating: 'down' }); // 3
      second.send({ type: 'feedback', seq: 902, rating: 'down' }); // 4
      first.send({ type: 'feedback', seq: 903, rating: 'down' }); // 5
      second.send({ type: 'feedback', seq: 904, rating: 'down' }); // over
      const limited = await second.next('error', (e) => e.code === 'rate_limited');
      expect(limited.retryAfter).toBeGreaterThanOrEqual(1);
      // The refusal is immediate; the allowed frames are answered after a storage read, so on a
      // busy machine they can arrive after it.
      await waitFor(() => first.of('error').length === 2, 'both allowed frames answered');
      expect(first.of('error').map((e) => e.code)).toEqual(['not_found', 'not_found']);
    });
  });

  describe('connections and heartbeat', () => {
    let app: TestApp['app'];
    beforeAll(async () => {
      app = await appWith({ WS_MAX_CONNECTIONS_PER_IP: '2', WS_HEARTBEAT_MS: '1000' });
    });

    /** Opens a socket and reports whether it was welcomed or closed (with which code). */
    const attempt = async (): Promise<ChatClient> => {
      const client = track(await ChatClient.connect(app));
      client.send({ type: 'hello', v: 1 });
      await waitFor(
        () => client.of('welcome').length > 0 || client.closeCode !== undefined,
        'welcome or close',
      );
      return client;
    };

    it('closes with 4008 a connection over WS_MAX_CONNECTIONS_PER_IP and frees the slot on close', async () => {
      const first = await attempt();
      const second = await attempt();
      expect(first.of('welcome')).toHaveLength(1);
      expect(second.of('welcome')).toHaveLength(1);
      const third = await attempt();
      expect(third.closeCode).toBe(4008);

      await first.close();
      let next: ChatClient | undefined;
      await waitFor(async () => {
        next = await attempt();
        return next.of('welcome').length === 1;
      }, 'a free connection slot');
      await second.close();
      await next!.close();
    });

    it('terminates a socket that stops answering pings', async () => {
      const client = track(await ChatClient.connect(app, { autoPong: false }));
      client.send({ type: 'hello', v: 1 });
      await client.next('welcome');
      expect(await client.whenClosed()).toBe(1006); // terminated: no close frame
    });

    it('keeps a socket that answers pings', async () => {
      const client = track(await ChatClient.connect(app));
      let pings = 0;
      client.socket.on('ping', () => (pings += 1));
      client.send({ type: 'hello', v: 1 });
      await client.next('welcome');
      await waitFor(() => pings >= 3, 'three pings');
      expect(client.closeCode).toBeUndefined();
      await client.close();
    });
  });
});
