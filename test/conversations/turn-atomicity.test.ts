import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { HANDOFF_REQUEST_ACTION } from '../../src/dialogue/citizen-action.js';
import { buildTestApp, type TestApp } from '../support/build-test-app.js';
import { BACKENDS } from '../support/test-databases.js';

/**
 * A turn interrupted between storing the question and storing its answer (the process stopped, the
 * database went away): the database itself refuses the write, through a trigger, at the exact point
 * where the interruption hurts. Every question must end up answered exactly once: nothing half-stored,
 * or a durable pending marker that the resend (same clientMsgId) completes.
 */
describe.each(BACKENDS)('a turn interrupted before its answer is stored (%s)', (backend) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await buildTestApp(backend, {
      API_RATE_LIMIT_PER_MINUTE: '100000',
      HANDOFF_OFFICE_HOURS: 'always',
    });
    await testApp.app.db.exec(`
      CREATE FUNCTION interrupt_turn() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'the turn is interrupted here'; END $$;`);
  });
  afterEach(async () => {
    await testApp.app.db.exec(`
      DROP TRIGGER IF EXISTS interrupt_answer ON messages;
      DROP TRIGGER IF EXISTS interrupt_state ON conversations;`);
  });
  afterAll(async () => testApp?.close());

  const interruptAnswers = () =>
    testApp.app.db.exec(`CREATE TRIGGER interrupt_answer BEFORE INSERT ON messages FOR EACH ROW
      WHEN (NEW.author = 'bot') EXECUTE FUNCTION interrupt_turn()`);
  const interruptStateSave = () =>
    testApp.app.db.exec(`CREATE TRIGGER interrupt_state BEFORE UPDATE ON conversations FOR EACH ROW
      WHEN (NEW.state IS DISTINCT FROM OLD.state) EXECUTE FUNCTION interrupt_turn()`);
  const resume = () =>
    testApp.app.db.exec(`
      DROP TRIGGER IF EXISTS interrupt_answer ON messages;
      DROP TRIGGER IF EXISTS interrupt_state ON conversations;`);

  const open = async () => {
    const response = await testApp.app.inject({ method: 'POST', url: '/api/v1/conversations', payload: {} });
    return response.json() as { conversationId: string; token: string };
  };
  const send = (conversation: { conversationId: string; token: string }, payload: Record<string, unknown>) =>
    testApp.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${conversation.conversationId}/messages`,
      headers: { authorization: `Bearer ${conversation.token}` },
      payload,
    });
  /** Citizen messages with their bot answers, as stored. */
  const storedTurns = async (conversationId: string) => {
    const messages = await testApp.app.conversations.messagesAfter(conversationId, 0);
    const questions = messages.filter((message) => message.from === 'citizen');
    return Promise.all(
      questions.map(async (question) => {
        const found = await testApp.app.conversations.findRequest(conversationId, question.clientMsgId!);
        return {
          clientMsgId: question.clientMsgId,
          answers: found!.replies.filter((reply) => reply.from === 'bot').length,
          pending: found!.pending !== undefined,
        };
      }),
    );
  };

  it('stores nothing of a question whose answer could not be stored, and answers the resend once', async () => {
    const conversation = await open();
    const question = { text: 'cât costă certificatul de urbanism?', clientMsgId: 'q-answer' };
    await interruptAnswers();
    expect((await send(conversation, question)).statusCode).toBe(500);
    expect(await storedTurns(conversation.conversationId)).toEqual([]);

    await resume();
    const resent = await send(conversation, question);
    expect(resent.statusCode).toBe(200);
    expect(resent.json().duplicate).toBe(false);
    expect(await storedTurns(conversation.conversationId)).toEqual([
      { clientMsgId: 'q-answer', answers: 1, pending: false },
    ]);
    // A second resend returns the stored turn and answers nothing again.
    const again = await send(conversation, question);
    expect(again.json().duplicate).toBe(true);
    expect(await storedTurns(conversation.conversationId)).toEqual([
      { clientMsgId: 'q-answer', answers: 1, pending: false },
    ]);
  });

  it('keeps the question, its answer and the dialogue state together: a failed state save stores none', async () => {
    const conversation = await open();
    const question = { text: 'ce acte trebuie pentru căsătorie?', clientMsgId: 'q-state' };
    await interruptStateSave();
    expect((await send(conversation, question)).statusCode).toBe(500);
    expect(await storedTurns(conversation.conversationId)).toEqual([]);

    await resume();
    expect((await send(conversation, question)).statusCode).toBe(200);
    expect(await storedTurns(conversation.conversationId)).toEqual([
      { clientMsgId: 'q-state', answers: 1, pending: false },
    ]);
    const stored = await testApp.app.conversations.get(conversation.conversationId);
    expect(stored!.state).not.toEqual({});
  });

  it('completes a handoff request whose answer was not stored when it is resent, queueing it once', async () => {
    const conversation = await open();
    const request = { action: HANDOFF_REQUEST_ACTION, clientMsgId: 'q-handoff' };
    await interruptAnswers();
    expect((await send(conversation, request)).statusCode).toBe(500);
    // The handoff ran after the question was stored: the question waits, marked pending.
    expect(await storedTurns(conversation.conversationId)).toEqual([
      { clientMsgId: 'q-handoff', answers: 0, pending: true },
    ]);

    await resume();
    const resent = await send(conversation, request);
    expect(resent.statusCode).toBe(200);
    expect(resent.json().duplicate).toBe(false);
    expect(await storedTurns(conversation.conversationId)).toEqual([
      { clientMsgId: 'q-handoff', answers: 1, pending: false },
    ]);
    const { rows } = await testApp.app.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM handoffs WHERE conversation_id = $1',
      [conversation.conversationId],
    );
    expect(rows[0].n).toBe(1);
    expect((await send(conversation, request)).json().duplicate).toBe(true);
    expect(await storedTurns(conversation.conversationId)).toEqual([
      { clientMsgId: 'q-handoff', answers: 1, pending: false },
    ]);
  });
});
