import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildTestApp, type TestApp } from '../support/build-test-app.js';
import { BACKENDS } from '../support/test-databases.js';

/**
 * The dialogue remembers the conversation row it last wrote, to skip reading it back on the next turn
 * (see `RecentConversations`). That is only safe because the next write is conditional on the row being
 * unchanged: these tests change the row behind the remembering engine's back — a clerk taking the chat,
 * a turn taken by another instance — and check that the next turn is decided on the row as it is.
 */
describe.each(BACKENDS)('a turn after the conversation changed elsewhere (%s)', (backend) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await buildTestApp(backend, { HANDOFF_OFFICE_HOURS: 'always' });
  });
  afterAll(async () => testApp?.close());

  const open = async () => (await testApp.app.conversations.create({ lang: 'ro' })).conversation.id;
  const seqs = async (conversationId: string) =>
    (await testApp.app.conversations.messagesAfter(conversationId, 0)).map((message) => message.seq);

  it('stays quiet when a clerk took the chat after the bot remembered it', async () => {
    const engine = testApp.app.dialogue;
    const id = await open();
    const first = await engine.handle(id, { text: 'ce acte trebuie pentru buletin?', clientMsgId: 'a-1' });
    expect(first.messages.some((message) => message.from === 'bot')).toBe(true);

    expect(await testApp.app.conversations.transition(id, ['bot'], 'with_clerk')).toBe(true);
    const second = await engine.handle(id, { text: 'și cât costă?', clientMsgId: 'a-2' });
    expect(second.messages.map((message) => message.from)).toEqual(['citizen']);
    expect(await seqs(id)).toEqual([1, 2, 3]);
  });

  it('decides the first turn on the row as it is when the conversation changed after it was started', async () => {
    // Started through the dialogue, which remembers the new row: its first turn need not read it back.
    const engine = testApp.app.dialogue;
    const { conversation } = await engine.startConversation({ lang: 'ro', channel: 'web' });
    expect(await testApp.app.conversations.transition(conversation.id, ['bot'], 'with_clerk')).toBe(true);
    const first = await engine.handle(conversation.id, {
      text: 'ce acte trebuie pentru buletin?',
      clientMsgId: 'd-1',
    });
    expect(first.messages.map((message) => message.from)).toEqual(['citizen']);
    expect(await seqs(conversation.id)).toEqual([1]);
  });

  it('answers the first turn of a conversation it started, once', async () => {
    const engine = testApp.app.dialogue;
    const { conversation } = await engine.startConversation({ lang: 'en', channel: 'api' });
    const question = { text: 'how do I renew my ID card?', clientMsgId: 'e-1' };
    const answered = await engine.handle(conversation.id, question);
    expect(answered.messages.find((message) => message.from === 'bot')?.procedure).toBe('carte-identitate');
    const resent = await engine.handle(conversation.id, question);
    expect(resent.duplicate).toBe(true);
    expect(await seqs(conversation.id)).toEqual(answered.messages.map((message) => message.seq));
  });

  it('continues from a turn another instance recorded meanwhile', async () => {
    const here = testApp.app.dialogue;
    // Another engine over the same storage, with its own memory: as a second instance would be.
    const elsewhere = here.withAnswerWriter(undefined);
    const id = await open();
    const first = await here.handle(id, { text: 'cum obțin certificatul de urbanism?', clientMsgId: 'b-1' });
    const switched = await elsewhere.handle(id, {
      text: 'vreau să îmi schimb buletinul, ce acte trebuie?',
      clientMsgId: 'b-2',
    });
    const followUp = await here.handle(id, { text: 'cât costă?', clientMsgId: 'b-3' });

    const procedureOf = (result: typeof first) =>
      result.messages.find((message) => message.from === 'bot')?.procedure;
    expect(procedureOf(switched)).not.toBe(procedureOf(first));
    // The follow-up is about what the other instance answered last, not what this one remembered.
    expect(procedureOf(followUp)).toBe(procedureOf(switched));
    const stored = await seqs(id);
    expect(stored).toEqual(stored.map((_, index) => index + 1));
    expect(followUp.messages[0]!.seq).toBe(5);
  });

  it('answers a resend of the remembered turn with what was stored, once', async () => {
    const engine = testApp.app.dialogue;
    const id = await open();
    const question = { text: 'unde depun cererea pentru certificatul de urbanism?', clientMsgId: 'c-1' };
    const answered = await engine.handle(id, question);
    const resent = await engine.handle(id, question);
    expect(resent.duplicate).toBe(true);
    expect(resent.messages.map((message) => message.seq)).toEqual(answered.messages.map((m) => m.seq));
    expect(await seqs(id)).toEqual([1, 2]);
    // And the conversation goes on normally after it.
    const next = await engine.handle(id, { text: 'cât costă?', clientMsgId: 'c-2' });
    expect(next.messages[0]!.seq).toBe(3);
  });
});
