import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildTestApp, type TestApp } from '../../support/build-test-app.js';
import { BACKENDS } from '../../support/test-databases.js';
import { waitFor } from '../../support/wait-for.js';
import { ChatClient, chatClients } from './chat-client.js';

/** 1, 2, … n: what a socket must have received for a conversation whose last seq is n. */
const oneTo = (n: number) => Array.from({ length: n }, (_, index) => index + 1);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

describe.each(BACKENDS)('/ws/chat delivery on %s', (backend) => {
  let testApp: TestApp;
  const { open, closeAll } = chatClients(() => testApp.app);
  const lastSeqOf = async (conversationId: string) =>
    (await testApp.app.conversations.get(conversationId))!.lastSeq;

  beforeAll(async () => {
    testApp = await buildTestApp(backend, { WS_MESSAGES_PER_MINUTE: '1000' });
    await testApp.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await closeAll();
    await testApp?.close();
  });

  it('starts a conversation: welcome, then the question and its answers in seq order, then the ack', async () => {
    const { client, welcome } = await open({ lang: 'ro' });
    expect(welcome).toMatchObject({ seq: 0, lang: 'ro', handoff: { status: 'none' } });
    expect(welcome.token.length).toBeGreaterThan(20);

    client.send({ type: 'message', clientMsgId: 'q-1', text: 'cum îmi fac buletinul?' });
    const ack = await client.next('ack');
    expect(ack).toEqual({ type: 'ack', clientMsgId: 'q-1', seq: 1 });

    const messages = client.of('message');
    expect(messages[0]).toMatchObject({
      seq: 1,
      from: 'citizen',
      clientMsgId: 'q-1',
      text: 'cum îmi fac buletinul?',
    });
    expect(messages.slice(1).length).toBeGreaterThan(0);
    expect(messages.slice(1).every((message) => message.from === 'bot')).toBe(true);
    expect(client.seqs()).toEqual(oneTo(await lastSeqOf(welcome.conversationId)));
    // The ack comes after every message frame of its turn.
    const ackIndex = client.frames.indexOf(ack);
    expect(client.frames.slice(ackIndex + 1).some((frame) => frame.type === 'message')).toBe(false);
  });

  it('shows the bot typing before an answer that takes longer', async () => {
    const { dialogue } = testApp.app;
    const handle = dialogue.handle.bind(dialogue);
    dialogue.handle = async (...args: Parameters<typeof handle>) => {
      await new Promise((resolve) => setTimeout(resolve, 700));
      return handle(...args);
    };
    try {
      const { client } = await open({ lang: 'ro' });
      client.send({ type: 'message', clientMsgId: 'slow-1', text: 'cum îmi fac buletinul?' });
      await client.next('ack');
      const typingIndex = client.frames.findIndex((frame) => frame.type === 'typing' && frame.from === 'bot');
      const answerIndex = client.frames.findIndex(
        (frame) => frame.type === 'message' && frame.from === 'bot',
      );
      expect(typingIndex).toBeGreaterThanOrEqual(0);
      expect(typingIndex).toBeLessThan(answerIndex);
    } finally {
      dialogue.handle = handle;
    }
  });

  it('keeps seq order and acks in sending order when several messages are sent at once', async () => {
    const { client, welcome } = await open();
    const questions = [
      'ce taxe plătesc pentru casă?',
      'unde depun actele?',
      'care e programul?',
      'mulțumesc',
    ];
    questions.forEach((text, index) => client.send({ type: 'message', clientMsgId: `burst-${index}`, text }));
    await waitFor(() => client.of('ack').length === questions.length, 'four acks');

    const acks = client.of('ack');
    expect(acks.map((ack) => ack.clientMsgId)).toEqual(questions.map((_, index) => `burst-${index}`));
    expect(acks.map((ack) => ack.seq)).toEqual([...acks.map((ack) => ack.seq)].sort((a, b) => a - b));
    expect(client.seqs()).toEqual(oneTo(await lastSeqOf(welcome.conversationId)));
    for (const ack of acks) {
      const messageIndex = client.frames.findIndex(
        (frame) => frame.type === 'message' && frame.seq === ack.seq,
      );
      expect(messageIndex).toBeLessThan(client.frames.indexOf(ack));
    }
  });

  it('replays on resume exactly what the socket missed — sent over REST, by another socket or by a clerk', async () => {
    const { client: first, welcome } = await open();
    const { conversationId, token } = welcome;
    first.send({
      type: 'message',
      clientMsgId: 'r-1',
      text: 'ce acte trebuie pentru certificatul de urbanism?',
    });
    await first.next('ack');
    const lastSeen = Math.max(...first.seqs());
    await first.drop();

    // While the first socket is gone: another tab asks, the REST API is used, and a clerk writes.
    const { client: other } = await open({ token, conversationId, lastSeq: lastSeen });
    other.send({ type: 'message', clientMsgId: 'r-2', text: 'cât costă?' });
    await other.next('ack');
    const rest = await testApp.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${conversationId}/messages`,
      headers: { authorization: `Bearer ${token}` },
      payload: { text: 'unde se depune cererea?', clientMsgId: 'r-3' },
    });
    expect(rest.statusCode).toBe(200);
    await testApp.app.conversations.append(conversationId, [
      { from: 'clerk', text: 'Bună ziua, vă ajut eu.', lang: 'ro', authorName: 'Ana M.' },
    ]);
    const storedLast = await lastSeqOf(conversationId);

    const { client: resumed, welcome: again } = await open({ token, conversationId, lastSeq: lastSeen });
    expect(again).toMatchObject({ conversationId, token, seq: storedLast });
    await resumed.messageWithSeq(storedLast);
    expect(resumed.seqs()).toEqual(range(lastSeen + 1, storedLast));
    const replayed = resumed.of('message');
    expect(replayed.map((message) => message.clientMsgId).filter(Boolean)).toEqual(['r-2', 'r-3']);
    expect(replayed.at(-1)).toMatchObject({ from: 'clerk', authorName: 'Ana M.' });

    // Live delivery continues after the replay, still without gaps or repeats.
    resumed.send({ type: 'message', clientMsgId: 'r-4', text: 'și cât durează?' });
    await resumed.next('ack');
    expect(resumed.seqs()).toEqual(range(lastSeen + 1, await lastSeqOf(conversationId)));
  });

  it('stores and answers once a message resent with the same clientMsgId after a dropped socket', async () => {
    const question = 'cât costă certificatul de urbanism?';
    // How many answers this question gets when asked once (the engine is deterministic without an LLM).
    const { client: control } = await open();
    control.send({ type: 'message', clientMsgId: 'ctl', text: question });
    await control.next('ack');
    const answersWhenAskedOnce = control.of('message').filter((message) => message.from !== 'citizen').length;

    const { client: first, welcome } = await open();
    const { conversationId, token } = welcome;
    first.send({ type: 'message', clientMsgId: 'dup-1', text: question });
    await first.drop(); // gone before any answer or ack could arrive

    const { client: second } = await open({ token, conversationId, lastSeq: 0 });
    second.send({ type: 'message', clientMsgId: 'dup-1', text: question });
    const ack = await second.next('ack');
    second.send({ type: 'message', clientMsgId: 'dup-2', text: 'mulțumesc' });
    await second.next('ack', (frame) => frame.clientMsgId === 'dup-2');

    const stored = await testApp.app.conversations.messagesAfter(conversationId, 0);
    const copies = stored.filter((message) => message.clientMsgId === 'dup-1');
    expect(copies).toHaveLength(1);
    expect(ack.seq).toBe(copies[0].seq);
    const request = await testApp.app.conversations.findRequest(conversationId, 'dup-1');
    expect(request?.replies).toHaveLength(answersWhenAskedOnce);
    expect(second.seqs()).toEqual(oneTo(await lastSeqOf(conversationId)));
  });

  it('delivers everything, in order, to two sockets on one conversation', async () => {
    const { client: tabA, welcome } = await open();
    const { conversationId, token } = welcome;
    const { client: tabB } = await open({ token, conversationId });
    tabA.send({ type: 'message', clientMsgId: 'a-1', text: 'cum obțin autorizația de construire?' });
    tabB.send({ type: 'message', clientMsgId: 'b-1', text: 'cât costă o căsătorie?' });
    tabA.send({ type: 'message', clientMsgId: 'a-2', text: 'și ce acte trebuie?' });
    await waitFor(() => tabA.of('ack').length === 2 && tabB.of('ack').length === 1, 'all acks');

    const last = await lastSeqOf(conversationId);
    await tabA.messageWithSeq(last);
    await tabB.messageWithSeq(last);
    expect(tabA.seqs()).toEqual(oneTo(last));
    expect(tabB.seqs()).toEqual(oneTo(last));
  });

  it('starts the replay from seq 1 when the client claims more than the server has', async () => {
    const { client: first, welcome } = await open();
    first.send({ type: 'message', clientMsgId: 'x-1', text: 'bună ziua' });
    await first.next('ack');
    const last = await lastSeqOf(welcome.conversationId);

    const { client, welcome: again } = await open({ token: welcome.token, lastSeq: last + 50 });
    expect(again.seq).toBe(last);
    await client.messageWithSeq(last);
    expect(client.seqs()).toEqual(oneTo(last));
  });
});

describe.each(BACKENDS)('/ws/chat shutdown on %s', (backend) => {
  it('closes every open socket with 1012 (service restarting) when the service stops', async () => {
    const testApp = await buildTestApp(backend);
    await testApp.app.listen({ port: 0, host: '127.0.0.1' });
    const { client } = await ChatClient.start(testApp.app);
    const silent = await ChatClient.connect(testApp.app); // no hello yet
    await testApp.close();
    expect(await client.whenClosed()).toBe(1012);
    expect(client.closeReason).toBe('service restarting');
    expect(await silent.whenClosed()).toBe(1012);
  });
});
