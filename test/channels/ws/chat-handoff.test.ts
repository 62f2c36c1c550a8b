import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ConversationEvent } from '../../../src/conversations/conversation-events.js';
import { handoffRecords } from '../../../src/handoff/handoff-records.js';
import { buildTestApp, type TestApp } from '../../support/build-test-app.js';
import { BACKENDS } from '../../support/test-databases.js';
import { waitFor } from '../../support/wait-for.js';
import { chatClients } from './chat-client.js';

describe.each(BACKENDS)('/ws/chat handoff, typing and feedback on %s', (backend) => {
  let testApp: TestApp;
  const { open, closeAll } = chatClients(() => testApp.app);

  beforeAll(async () => {
    // Clerks answer at any hour, so a request queues instead of depending on the clock.
    testApp = await buildTestApp(backend, { HANDOFF_OFFICE_HOURS: 'always', WS_MESSAGES_PER_MINUTE: '1000' });
    await testApp.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await closeAll();
    await testApp?.close();
  });

  it('queues on handoff.request, shows the position, moves it when the queue moves, and cancels', async () => {
    const { client: first } = await open();
    first.send({ type: 'message', clientMsgId: 'h-1', text: 'cum îmi fac buletinul?' });
    await first.next('ack');
    first.send({ type: 'handoff.request' });
    const queued = await first.next('handoff', (frame) => frame.status === 'waiting');
    expect(queued.position).toBe(1);

    const { client: second } = await open();
    second.send({ type: 'message', clientMsgId: 'h-2', text: 'cum îmi fac buletinul?' });
    await second.next('ack');
    second.send({ type: 'handoff.request' });
    const behind = await second.next('handoff', (frame) => frame.status === 'waiting');
    expect(behind.position).toBe(2);
    expect(behind.department).toBe(queued.department);

    first.send({ type: 'handoff.cancel' });
    expect(await first.next('handoff', (frame) => frame.status === 'none')).toMatchObject({ position: null });
    // The first citizen left the queue: the second one is told, without asking.
    expect(await second.next('handoff', (frame) => frame.position === 1)).toMatchObject({
      status: 'waiting',
    });

    second.send({ type: 'handoff.cancel' });
    await second.next('handoff', (frame) => frame.status === 'none');
  });

  it('hands the clerk the question and the procedure the dialogue was on when the button is pressed', async () => {
    const { client, welcome } = await open({ lang: 'ro' });
    client.send({ type: 'message', clientMsgId: 's-1', text: 'cum îmi fac buletinul?' });
    await client.next('ack');
    const answer = await client.next('message', (frame) => frame.from === 'bot');
    expect(answer.procedure).toBe('carte-identitate');
    client.send({ type: 'handoff.request' });
    await client.next('handoff', (frame) => frame.status === 'waiting');
    const record = await handoffRecords.latest(testApp.app.db, welcome.conversationId);
    expect(record).toMatchObject({
      reason: 'citizen_request',
      question: 'cum îmi fac buletinul?',
      procedureSlug: 'carte-identitate',
      lang: 'ro',
    });
    expect(record!.confidence).toBeGreaterThan(0);
    client.send({ type: 'handoff.cancel' });
    await client.next('handoff', (frame) => frame.status === 'none');
  });

  it('keeps the bot quiet, with no bot typing, while the citizen waits for a clerk', async () => {
    const { client } = await open();
    client.send({ type: 'handoff.request' });
    await client.next('handoff', (frame) => frame.status === 'waiting');
    const before = client.frames.length;
    client.send({ type: 'message', clientMsgId: 'w-1', text: 'mai aștept mult?' });
    const ack = await client.next('ack');
    const after = client.frames.slice(before);
    expect(after.some((frame) => frame.type === 'typing')).toBe(false);
    expect(after.filter((frame) => frame.type === 'message' && frame.from === 'bot')).toHaveLength(0);
    expect(client.of('message').find((message) => message.seq === ack.seq)).toMatchObject({
      from: 'citizen',
    });
    client.send({ type: 'handoff.cancel' });
    await client.next('handoff', (frame) => frame.status === 'none');
  });

  it('leaves a ticket and shows its registration number', async () => {
    const { client, welcome } = await open();
    client.send({
      type: 'ticket',
      name: 'Ion Pop',
      contact: 'nu e un contact',
      question: 'Când e gata actul?',
    });
    const refused = await client.next('error');
    expect(refused).toMatchObject({ code: 'invalid_frame', ref: 'ticket' });
    expect(refused.message).toMatch(/^contact /);

    client.send({ type: 'ticket', name: 'Ion Pop', contact: '0722 123 456', question: 'Când e gata actul?' });
    const withTicket = await client.next('handoff', (frame) => frame.ticketNumber !== null);
    const number = withTicket.ticketNumber!;
    // The number is also posted into the conversation, so every channel shows it.
    await client.next('message', (message) => message.from === 'system' && message.text.includes(number));
    const stored = await testApp.app.conversations.messagesAfter(welcome.conversationId, 0);
    expect(stored.some((message) => message.text.includes('0722 123 456'))).toBe(false);
  });

  it('shows a clerk typing, and forwards the citizen typing to the clerk console', async () => {
    const { client, welcome } = await open();
    const events: ConversationEvent[] = [];
    const unsubscribe = testApp.app.conversationEvents.subscribe(welcome.conversationId, (event) =>
      events.push(event),
    );
    try {
      await testApp.app.conversationEvents.publish({
        kind: 'typing',
        conversationId: welcome.conversationId,
        from: 'clerk',
        name: 'Ana M.',
      });
      expect(await client.next('typing', (frame) => frame.from === 'clerk')).toEqual({
        type: 'typing',
        from: 'clerk',
        name: 'Ana M.',
      });

      client.send({ type: 'typing' });
      client.send({ type: 'typing' });
      await waitFor(
        () => events.some((event) => event.kind === 'typing' && event.from === 'citizen'),
        'typing',
      );
      // A citizen's typing is for the clerk: it is not echoed to the citizen's own socket.
      expect(client.of('typing').filter((frame) => frame.from === 'clerk')).toHaveLength(1);
    } finally {
      unsubscribe();
    }
  });

  it("records feedback on the bot's answers and refuses it on the citizen's own message", async () => {
    const { client, welcome } = await open();
    client.send({ type: 'message', clientMsgId: 'f-1', text: 'ce acte trebuie pentru căsătorie?' });
    const ack = await client.next('ack');
    const answer = client.of('message').find((message) => message.from === 'bot')!;
    client.send({ type: 'feedback', seq: answer.seq, rating: 'down', comment: 'nu am înțeles' });
    client.send({ type: 'feedback', seq: ack.seq, rating: 'up' });
    expect(await client.next('error')).toMatchObject({ code: 'not_found', ref: String(ack.seq) });
    // The thumbs-down is answered with the offer of a clerk, as over REST.
    const offer = await client.next(
      'message',
      (message) => message.from === 'bot' && message.seq > answer.seq,
    );
    expect(offer.suggestions.length).toBeGreaterThan(0);
    const { rows } = await testApp.testDatabase.database.query<{ seq: number; rating: string }>(
      'SELECT seq, rating FROM message_feedback WHERE conversation_id = $1',
      [welcome.conversationId],
    );
    expect(rows).toEqual([{ seq: answer.seq, rating: 'down' }]);
  });
});
