import { describe, expect, it } from '@jest/globals';
import type { ConversationEvent } from '../../src/conversations/conversation-events.js';
import { databaseStats } from '../../src/storage/database-stats.js';
import { useConversationStore } from '../support/conversation-store-fixture.js';
import { BACKENDS } from '../support/test-databases.js';
import { waitFor } from '../support/wait-for.js';

describe.each(BACKENDS)('ConversationStore on %s', (backend) => {
  const fixture = useConversationStore(backend);

  it('opens a conversation only with its token', async () => {
    const { conversation, token } = await fixture.store.create({ lang: 'hu' });
    expect(token.length).toBeGreaterThanOrEqual(43);
    expect(await fixture.store.authenticate(conversation.id, token)).toMatchObject({
      ok: true,
      conversation: { lang: 'hu' },
    });
    expect(await fixture.store.authenticate(conversation.id, `${token}x`)).toEqual({
      ok: false,
      reason: 'bad_token',
    });
    expect(await fixture.store.authenticate('00000000-0000-4000-8000-000000000000', token)).toEqual({
      ok: false,
      reason: 'not_found',
    });
    expect(await fixture.store.authenticate('not-a-uuid', token)).toEqual({ ok: false, reason: 'not_found' });
    const stored = await fixture.testDatabase.database.query<{ token_hash: string }>(
      'SELECT token_hash FROM conversations WHERE id = $1',
      [conversation.id],
    );
    expect(stored.rows[0].token_hash).not.toContain(token);
  });

  it('numbers messages 1, 2, 3… without gaps, even with concurrent writers', async () => {
    const { conversation } = await fixture.store.create();
    await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        fixture.store.append(conversation.id, [{ from: 'citizen', text: `m${index}`, lang: 'ro' }]),
      ),
    );
    const messages = await fixture.store.messagesAfter(conversation.id, 0);
    expect(messages.map((message) => message.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect((await fixture.store.messagesAfter(conversation.id, 7)).map((message) => message.seq)).toEqual([
      8, 9, 10,
    ]);
  });

  it('stores a clientMsgId once and finds the answers given to it', async () => {
    const { conversation } = await fixture.store.create();
    const first = await fixture.store.append(conversation.id, [
      { from: 'citizen', text: 'buletin', lang: 'ro', clientMsgId: 'c-1' },
    ]);
    await fixture.store.append(conversation.id, [
      { from: 'bot', text: 'răspuns', lang: 'ro', replyTo: first.messages[0].seq },
    ]);
    const again = await fixture.store.append(conversation.id, [
      { from: 'citizen', text: 'buletin', lang: 'ro', clientMsgId: 'c-1' },
    ]);
    expect(again.messages).toEqual([]);
    expect(again.duplicateOf?.seq).toBe(1);
    const request = await fixture.store.findRequest(conversation.id, 'c-1');
    expect(request?.replies.map((reply) => reply.text)).toEqual(['răspuns']);
  });

  it('opens a turn with one statement: the conversation and the question stored under its clientMsgId', async () => {
    const { conversation } = await fixture.store.create({ lang: 'ro' });
    const first = await fixture.store.append(conversation.id, [
      { from: 'citizen', text: 'buletin', lang: 'ro', clientMsgId: 'c-1' },
    ]);
    await fixture.store.append(conversation.id, [
      { from: 'bot', text: 'răspuns', lang: 'ro', replyTo: first.messages[0].seq },
    ]);
    const before = databaseStats.roundTrips;
    const fresh = await fixture.store.openTurn(conversation.id, 'c-2');
    expect(databaseStats.roundTrips - before).toBe(1);
    expect(fresh).toEqual({
      conversation: await fixture.store.get(conversation.id),
      version: expect.any(String),
    });
    expect((await fixture.store.openTurn(conversation.id))?.earlier).toBeUndefined();
    // A resend: the stored question exactly as findRequest gives it, with its replies.
    const resend = await fixture.store.openTurn(conversation.id, 'c-1');
    expect(resend?.conversation.lastSeq).toBe(2);
    expect(resend?.earlier).toEqual(await fixture.store.findRequest(conversation.id, 'c-1'));
    expect(resend?.earlier?.replies.map((reply) => reply.text)).toEqual(['răspuns']);
    expect(await fixture.store.openTurn('00000000-0000-4000-8000-000000000000', 'c-1')).toBeUndefined();
    expect(await fixture.store.openTurn('not-a-uuid')).toBeUndefined();
  });

  it('records a turn only while the row has the version the caller read, and returns the new one', async () => {
    const { conversation } = await fixture.store.create({ lang: 'ro' });
    const opened = (await fixture.store.openTurn(conversation.id))!;
    const turn = (clientMsgId: string) => ({
      request: { from: 'citizen' as const, text: 'buletin', lang: 'ro' as const, clientMsgId },
      replies: [{ from: 'bot' as const, text: 'răspuns', lang: 'ro' as const }],
      state: { step: clientMsgId },
    });
    const first = await fixture.store.recordTurn(conversation.id, turn('v-1'), {
      expectVersion: opened.version,
    });
    if (!first.recorded) throw new Error('the first turn was not recorded');
    expect(first.version).not.toBe(opened.version);
    expect((await fixture.store.openTurn(conversation.id))!.version).toBe(first.version);

    // Written against the version read before the first turn: refused, and nothing stored.
    expect(
      await fixture.store.recordTurn(conversation.id, turn('v-2'), { expectVersion: opened.version }),
    ).toEqual({ recorded: false, stale: true });
    expect((await fixture.store.get(conversation.id))!.state).toEqual({ step: 'v-1' });
    expect((await fixture.store.messagesAfter(conversation.id, 0)).map((message) => message.seq)).toEqual([
      1, 2,
    ]);
    // Against the current version it is stored.
    const second = await fixture.store.recordTurn(conversation.id, turn('v-2'), {
      expectVersion: first.version,
    });
    expect(second.recorded).toBe(true);
  });

  it('records a turn in one round trip: question, answers in order, state, language, and one announcement', async () => {
    const { conversation } = await fixture.store.create({ lang: 'ro' });
    await fixture.store.append(conversation.id, [{ from: 'bot', text: 'Bună ziua!', lang: 'ro' }]);
    const seen: ConversationEvent[] = [];
    const unsubscribe = fixture.events.subscribe(conversation.id, (event) => seen.push(event));
    const before = databaseStats.roundTrips;
    const recorded = await fixture.store.recordTurn(conversation.id, {
      request: { from: 'citizen', text: 'how do I renew my ID?', lang: 'en', clientMsgId: 'turn-1' },
      replies: [
        {
          from: 'bot',
          text: 'first',
          lang: 'en',
          procedure: 'carte-identitate',
          confidence: 0.5,
          sources: [{ title: 'Primăria', url: 'https://example.org/ci' }],
          sections: [{ title: 'Acte', lines: ['buletinul vechi', 'certificat de naștere'] }],
          suggestions: [{ label: 'Cost', value: 'facet:cost' }],
        },
        { from: 'bot', text: 'second', lang: 'en' },
      ],
      state: { focus: 'carte-identitate', misses: 0 },
      lang: 'en',
    });
    expect(databaseStats.roundTrips - before).toBe(1);
    expect(recorded).toMatchObject({
      recorded: true,
      request: { seq: 2, from: 'citizen', clientMsgId: 'turn-1', lang: 'en' },
      replies: [
        {
          seq: 3,
          text: 'first',
          procedure: 'carte-identitate',
          confidence: 0.5,
          sources: [{ title: 'Primăria', url: 'https://example.org/ci' }],
          sections: [{ title: 'Acte', lines: ['buletinul vechi', 'certificat de naștere'] }],
          suggestions: [{ label: 'Cost', value: 'facet:cost' }],
        },
        { seq: 4, text: 'second', procedure: null, sources: [] },
      ],
    });
    expect(await fixture.store.get(conversation.id)).toMatchObject({
      lastSeq: 4,
      lang: 'en',
      state: { focus: 'carte-identitate', misses: 0 },
    });
    expect(
      (await fixture.store.findRequest(conversation.id, 'turn-1'))?.replies.map((reply) => reply.seq),
    ).toEqual([3, 4]);
    // The greeting's own announcement (seq 1) may arrive late on PostgreSQL; the turn's is one, for seq 4.
    await waitFor(() => seen.some((event) => event.kind === 'message' && event.seq === 4));
    expect(seen.filter((event) => event.kind === 'message' && event.seq > 1)).toEqual([
      { kind: 'message', conversationId: conversation.id, seq: 4 },
    ]);
    unsubscribe();
  });

  it('records a turn once when the same question arrives twice at the same time, and nothing of the loser', async () => {
    const { conversation } = await fixture.store.create();
    const turn = (text: string) =>
      fixture.store.recordTurn(conversation.id, {
        request: { from: 'citizen', text: 'cât costă?', lang: 'ro', clientMsgId: 'same' },
        replies: [{ from: 'bot', text, lang: 'ro' }],
        state: { answeredBy: text },
      });
    const outcomes = await Promise.all([turn('a'), turn('b'), turn('c')]);
    expect(outcomes.filter((outcome) => outcome.recorded)).toHaveLength(1);
    const messages = await fixture.store.messagesAfter(conversation.id, 0);
    expect(messages.map((message) => message.seq)).toEqual([1, 2]);
    const winner = messages[1].text;
    expect((await fixture.store.get(conversation.id))?.state).toEqual({ answeredBy: winner });
    // Different questions at the same time are all stored, numbered without gaps.
    await Promise.all(
      ['x', 'y', 'z'].map((id) =>
        fixture.store.recordTurn(conversation.id, {
          request: { from: 'citizen', text: id, lang: 'ro', clientMsgId: id },
          replies: [{ from: 'bot', text: `re ${id}`, lang: 'ro' }],
          state: {},
        }),
      ),
    );
    const all = await fixture.store.messagesAfter(conversation.id, 0);
    expect(all.map((message) => message.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const id of ['x', 'y', 'z']) {
      const found = await fixture.store.findRequest(conversation.id, id);
      expect(found?.replies.map((reply) => reply.text)).toEqual([`re ${id}`]);
    }
  });

  it('refuses a turn for an unknown conversation', async () => {
    await expect(
      fixture.store.recordTurn('00000000-0000-4000-8000-000000000000', {
        request: { from: 'citizen', text: 'x', lang: 'ro' },
        replies: [],
        state: {},
      }),
    ).rejects.toThrow('Unknown conversation');
  });

  it('announces stored messages to subscribers of the conversation', async () => {
    const { conversation } = await fixture.store.create();
    const received: ConversationEvent[] = [];
    const unsubscribe = fixture.events.subscribe(conversation.id, (event) => received.push(event));
    await fixture.store.append(conversation.id, [
      { from: 'citizen', text: 'a', lang: 'ro' },
      { from: 'bot', text: 'b', lang: 'ro' },
    ]);
    await waitFor(() => received.length > 0, 'the message event');
    unsubscribe();
    expect(received[0]).toEqual({ kind: 'message', conversationId: conversation.id, seq: 2 });
  });

  it('allows only the defined status transitions, once', async () => {
    const { conversation } = await fixture.store.create();
    expect(await fixture.store.transition(conversation.id, ['bot'], 'waiting')).toBe(true);
    expect(await fixture.store.transition(conversation.id, ['bot'], 'waiting')).toBe(false);
    expect(await fixture.store.transition(conversation.id, ['waiting'], 'with_clerk')).toBe(true);
    expect(await fixture.store.transition(conversation.id, ['closed'], 'with_clerk')).toBe(false);
    expect((await fixture.store.get(conversation.id))?.status).toBe('with_clerk');
  });

  it('keeps dialogue state and feedback on bot answers only', async () => {
    const { conversation } = await fixture.store.create();
    await fixture.store.saveState(conversation.id, { focus: 'carte-identitate', misses: 1 }, 'en');
    expect(await fixture.store.get(conversation.id)).toMatchObject({
      lang: 'en',
      state: { focus: 'carte-identitate', misses: 1 },
    });
    await fixture.store.append(conversation.id, [
      { from: 'citizen', text: 'q', lang: 'en' },
      { from: 'bot', text: 'a', lang: 'en', procedure: 'carte-identitate', confidence: 0.8 },
    ]);
    expect(await fixture.store.recordFeedback(conversation.id, 2, 'down')).toEqual({ previousRating: null });
    // The comment comes as a second thumbs-down: the caller learns the answer was already rated down.
    expect(await fixture.store.recordFeedback(conversation.id, 2, 'down', 'not helpful')).toEqual({
      previousRating: 'down',
    });
    expect(await fixture.store.recordFeedback(conversation.id, 2, 'up')).toEqual({ previousRating: 'down' });
    expect(await fixture.store.recordFeedback(conversation.id, 1, 'up')).toBeNull();
  });
});
