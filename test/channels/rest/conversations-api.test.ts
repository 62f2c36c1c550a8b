import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BACKENDS } from '../../support/test-databases.js';
import { buildTestApp, type TestApp } from '../../support/build-test-app.js';

describe.each(BACKENDS)('REST API v1 on %s', (backend) => {
  let testApp: TestApp;
  beforeAll(async () => {
    // Every request comes from one address: the per-IP limit is tested on its own below.
    testApp = await buildTestApp(backend, { API_RATE_LIMIT_PER_MINUTE: '100000' });
  });
  afterAll(async () => {
    await testApp?.close();
  });

  const open = async (lang?: string) => {
    const response = await testApp.app.inject({
      method: 'POST',
      url: '/api/v1/conversations',
      payload: lang ? { lang } : {},
    });
    expect(response.statusCode).toBe(201);
    return response.json() as { conversationId: string; token: string };
  };
  const post = (id: string, token: string | undefined, payload: unknown, path = 'messages') =>
    testApp.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${id}/${path}`,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      payload: payload as Record<string, unknown>,
    });

  describe('POST /api/v1/conversations', () => {
    it('returns 201 with a conversation id and a high-entropy token', async () => {
      const { conversationId, token } = await open('hu');
      expect(conversationId).toMatch(/^[0-9a-f-]{36}$/);
      expect(token.length).toBeGreaterThanOrEqual(43);
      expect((await testApp.app.conversations.get(conversationId))?.lang).toBe('hu');
    });

    it('starts without a body too, and refuses an unknown language', async () => {
      const bare = await testApp.app.inject({ method: 'POST', url: '/api/v1/conversations' });
      expect(bare.statusCode).toBe(201);
      const wrong = await testApp.app.inject({
        method: 'POST',
        url: '/api/v1/conversations',
        payload: { lang: 'de' },
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.fields[0].field).toBe('lang');
    });
  });

  describe('POST /api/v1/conversations/:id/messages', () => {
    it("returns the citizen's message and the bot's answer, in seq order", async () => {
      const { conversationId, token } = await open();
      const response = await post(conversationId, token, { text: 'Cum declar nașterea copilului?' });
      expect(response.statusCode).toBe(200);
      const { messages, duplicate } = response.json();
      expect(duplicate).toBe(false);
      expect(messages.map((message: { from: string; seq: number }) => [message.from, message.seq])).toEqual([
        ['citizen', 1],
        ['bot', 2],
      ]);
      expect(messages[1]).toMatchObject({ procedure: 'inregistrare-nastere', lang: 'ro' });
      expect(messages[1].confidence).toBeGreaterThan(0);
      expect(messages[1].sources[0]).toEqual({
        title: expect.any(String),
        url: expect.stringMatching(/^https?:\/\//),
      });
    });

    it.each([
      ['empty text', { text: '' }, 'text'],
      ['blank text', { text: '   ' }, 'text'],
      ['text over 2,000 characters', { text: 'x'.repeat(2001) }, 'text'],
      ['text that is not a string', { text: 42 }, 'text'],
      ['no text and no action', {}, 'text'],
      ['a clientMsgId that is not a string', { text: 'buletin', clientMsgId: 7 }, 'clientMsgId'],
      ['an unknown action', { action: 'rm -rf' }, 'action'],
    ])('answers 400 naming the failing field for %s', async (_label, payload, field) => {
      const { conversationId, token } = await open();
      const response = await post(conversationId, token, payload);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/json/);
      const body = response.json();
      expect(body.error.code).toBe('validation_failed');
      expect(body.error.fields.map((entry: { field: string }) => entry.field)).toContain(field);
    });

    it('accepts exactly 2,000 characters', async () => {
      const { conversationId, token } = await open();
      expect((await post(conversationId, token, { text: 'a'.repeat(2000) })).statusCode).toBe(200);
    });

    it('answers 401 without a token or with a wrong one, and 404 for an unknown conversation', async () => {
      const { conversationId, token } = await open();
      const missing = await post(conversationId, undefined, { text: 'buletin' });
      expect(missing.statusCode).toBe(401);
      expect(missing.json().error.code).toBe('unauthorized');
      expect((await post(conversationId, `${token}x`, { text: 'buletin' })).statusCode).toBe(401);
      const unknown = await post('00000000-0000-4000-8000-000000000000', token, { text: 'buletin' });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error.code).toBe('not_found');
      expect((await post('not-a-conversation', token, { text: 'buletin' })).statusCode).toBe(404);
    });

    it('accepts a clientMsgId of 64 characters and refuses 65, as the WebSocket protocol does', async () => {
      const { conversationId, token } = await open();
      const longest = await post(conversationId, token, { text: 'buletin', clientMsgId: 'a'.repeat(64) });
      expect(longest.statusCode).toBe(200);
      const tooLong = await post(conversationId, token, { text: 'buletin', clientMsgId: 'b'.repeat(65) });
      expect(tooLong.statusCode).toBe(400);
      expect(tooLong.json().error.code).toBe('validation_failed');
      const { rows } = await testApp.app.db.query<{ count: number }>(
        'SELECT count(*)::int AS count FROM messages WHERE conversation_id = $1',
        [conversationId],
      );
      expect(rows[0].count).toBe(2);
    });

    it('returns the earlier result for a repeated clientMsgId instead of answering twice', async () => {
      const { conversationId, token } = await open();
      const first = (
        await post(conversationId, token, { text: 'Cât costă declararea nașterii?', clientMsgId: 'c-1' })
      ).json();
      const again = (
        await post(conversationId, token, { text: 'Cât costă declararea nașterii?', clientMsgId: 'c-1' })
      ).json();
      expect(again.duplicate).toBe(true);
      expect(again.messages).toEqual(first.messages);
      const all = await testApp.app.inject({
        method: 'GET',
        url: `/api/v1/conversations/${conversationId}/messages`,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(all.json().messages).toHaveLength(2);
    });
  });

  describe('GET /api/v1/conversations/:id/messages', () => {
    it('returns the messages after a seq, and only to the holder of the token', async () => {
      const alice = await open();
      const bob = await open();
      await post(alice.conversationId, alice.token, { text: 'Bună ziua' });
      await post(alice.conversationId, alice.token, { text: 'Cum declar nașterea copilului?' });
      const read = (id: string, token: string, after?: number) =>
        testApp.app.inject({
          method: 'GET',
          url: `/api/v1/conversations/${id}/messages${after === undefined ? '' : `?after=${after}`}`,
          headers: { authorization: `Bearer ${token}` },
        });
      expect(
        (await read(alice.conversationId, alice.token)).json().messages.map((m: { seq: number }) => m.seq),
      ).toEqual([1, 2, 3, 4]);
      expect(
        (await read(alice.conversationId, alice.token, 2)).json().messages.map((m: { seq: number }) => m.seq),
      ).toEqual([3, 4]);
      // Bob's valid token does not open Alice's conversation, for reading or writing.
      expect((await read(alice.conversationId, bob.token)).statusCode).toBe(401);
      expect((await post(alice.conversationId, bob.token, { text: 'buletin' })).statusCode).toBe(401);
      expect((await read(bob.conversationId, bob.token)).json().messages).toEqual([]);
      expect((await read(alice.conversationId, alice.token, -1)).statusCode).toBe(400);
    });
  });

  describe('POST /api/v1/conversations/:id/feedback', () => {
    it('records a thumbs-up, and answers a thumbs-down with the offer of a clerk', async () => {
      const { conversationId, token } = await open();
      await post(conversationId, token, { text: 'Cum declar nașterea copilului?' });
      const up = await post(conversationId, token, { seq: 2, rating: 'up' }, 'feedback');
      expect(up.statusCode).toBe(200);
      expect(up.json()).toEqual({ recorded: true, messages: [] });
      const down = await post(
        conversationId,
        token,
        { seq: 2, rating: 'down', comment: 'nu e clar' },
        'feedback',
      );
      expect(down.statusCode).toBe(200);
      const offer = down.json().messages;
      expect(offer).toHaveLength(1);
      expect(offer[0].suggestions.map((s: { value: string }) => s.value)).toEqual(['handoff:request']);
      const { rows } = await testApp.app.db.query<{ rating: string; comment: string }>(
        'SELECT rating, comment FROM message_feedback WHERE conversation_id = $1',
        [conversationId],
      );
      expect(rows).toEqual([{ rating: 'down', comment: 'nu e clar' }]);

      // A comment sent after the thumbs-down (as the widget does) is stored without a second offer.
      const again = await post(
        conversationId,
        token,
        { seq: 2, rating: 'down', comment: 'prea lung' },
        'feedback',
      );
      expect(again.json()).toEqual({ recorded: true, messages: [] });
    });

    it('answers 404 for a message that is not a bot answer and 400 for a bad rating', async () => {
      const { conversationId, token } = await open();
      await post(conversationId, token, { text: 'Cum declar nașterea copilului?' });
      expect((await post(conversationId, token, { seq: 1, rating: 'down' }, 'feedback')).statusCode).toBe(
        404,
      );
      expect((await post(conversationId, token, { seq: 99, rating: 'up' }, 'feedback')).statusCode).toBe(404);
      expect((await post(conversationId, token, { seq: 2, rating: 'meh' }, 'feedback')).statusCode).toBe(400);
    });
  });

  it('documents the API in OpenAPI', async () => {
    const spec = (await testApp.app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/conversations',
        '/api/v1/conversations/{id}/messages',
        '/api/v1/conversations/{id}/feedback',
      ]),
    );
    expect(spec.paths['/api/v1/conversations/{id}/messages'].post.security).toEqual([
      { conversationToken: [] },
    ]);
  });
});

describe.each(BACKENDS)('REST API rate limit on %s', (backend) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await buildTestApp(backend, { API_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(async () => {
    await testApp?.close();
  });

  it('answers 429 with Retry-After once an IP has used its requests for the minute', async () => {
    const statuses: number[] = [];
    let last;
    for (let index = 0; index < 4; index += 1) {
      last = await testApp.app.inject({ method: 'POST', url: '/api/v1/conversations', payload: {} });
      statuses.push(last.statusCode);
    }
    expect(statuses).toEqual([201, 201, 201, 429]);
    expect(last!.json().error.code).toBe('rate_limited');
    expect(Number(last!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Another client is not affected.
    const other = await testApp.app.inject({
      method: 'POST',
      url: '/api/v1/conversations',
      payload: {},
      remoteAddress: '203.0.113.9',
    });
    expect(other.statusCode).toBe(201);
  });
});
