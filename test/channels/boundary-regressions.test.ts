import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BACKENDS } from '../support/test-databases.js';
import { buildTestApp, type TestApp } from '../support/build-test-app.js';
import { addAndLogin, asClerk, handedOff, type ClerkLogin } from './console/console-helpers.js';
import { FuzzSocket } from './fuzz-socket-client.js';
import { socketUrl } from './ws/chat-client.js';

/**
 * Issue #9 item 7, one named case each: values PostgreSQL cannot store (NUL, lone surrogates) or
 * compare (integers above 2^31 − 1) are refused at the boundary with a 400 or an error frame, where
 * they used to fail as a 500 (or internal_error) half-way through a request.
 */
describe.each(BACKENDS)('boundary values refused at the door (%s)', (backend) => {
  let testApp: TestApp;
  let conversationId: string;
  let token: string;
  let botSeq: number;
  let clerk: ClerkLogin;
  let handedOffId: string;
  const sockets: FuzzSocket[] = [];

  beforeAll(async () => {
    testApp = await buildTestApp(backend, { HANDOFF_OFFICE_HOURS: 'always' });
    await testApp.app.listen({ port: 0, host: '127.0.0.1' });
    const created = await testApp.app.inject({ method: 'POST', url: '/api/v1/conversations', payload: {} });
    ({ conversationId, token } = created.json() as { conversationId: string; token: string });
    const turn = await postMessage({ text: 'Cum îmi fac buletinul?' });
    const messages = (turn.json() as { messages: Array<{ seq: number; from: string }> }).messages;
    botSeq = messages.find((message) => message.from === 'bot')!.seq;
    clerk = await addAndLogin(testApp.app, { departments: ['urbanism'] });
    ({ conversationId: handedOffId } = await handedOff(testApp.app));
    const claimed = await asClerk(
      testApp.app,
      clerk,
      'POST',
      `/api/v1/console/conversations/${handedOffId}/claim`,
    );
    expect(claimed.statusCode).toBe(200);
  });
  afterAll(async () => {
    for (const socket of sockets) await socket.close();
    await testApp?.close();
  });

  const postMessage = (payload: Record<string, unknown>) =>
    testApp.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${conversationId}/messages`,
      headers: { authorization: `Bearer ${token}` },
      payload,
    });
  const postFeedback = (payload: Record<string, unknown>) =>
    testApp.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${conversationId}/feedback`,
      headers: { authorization: `Bearer ${token}` },
      payload,
    });
  const errorOf = (response: { json(): unknown }) => (response.json() as { error: { code: string } }).error;

  /** A /ws/chat socket past its welcome. */
  const chatSocket = async () => {
    const socket = await FuzzSocket.open(`${socketUrl(testApp.app)}/ws/chat`);
    sockets.push(socket);
    socket.send(JSON.stringify({ type: 'hello', v: 1, token, conversationId }));
    expect(await socket.next((frame) => frame.type === 'welcome')).toBeDefined();
    return socket;
  };

  it('REST: a message with a NUL character is a 400', async () => {
    const response = await postMessage({ text: 'buletin\u0000' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('NUL');
  });

  it('REST: a message with a lone UTF-16 surrogate is a 400', async () => {
    const response = await postMessage({ text: 'buletin \uD800' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('surrogate');
  });

  it('REST: feedback on seq 2^40 is a 400, and a comment with NUL too', async () => {
    const huge = await postFeedback({ seq: 2 ** 40, rating: 'up' });
    expect(huge.statusCode).toBe(400);
    expect(errorOf(huge).code).toBe('validation_failed');
    const nul = await postFeedback({ seq: botSeq, rating: 'down', comment: 'rău\u0000' });
    expect(nul.statusCode).toBe(400);
    // The same feedback without the NUL is accepted: the 400 was for the NUL alone.
    const fine = await postFeedback({ seq: botSeq, rating: 'up', comment: 'mulțumesc' });
    expect(fine.statusCode).toBe(200);
  });

  it('REST: ?after=2147483648 is a 400 (2147483647 is fine)', async () => {
    const get = (after: string) =>
      testApp.app.inject({
        method: 'GET',
        url: `/api/v1/conversations/${conversationId}/messages?after=${after}`,
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await get('2147483648')).statusCode).toBe(400);
    expect((await get('2147483647')).statusCode).toBe(200);
  });

  it('WebSocket: a ticket with NUL gets an invalid_frame error, and the socket stays open', async () => {
    // Tickets are left over /ws/chat only (there is no REST route for them).
    const socket = await chatSocket();
    const from = socket.frames.length;
    socket.send(
      JSON.stringify({
        type: 'ticket',
        name: 'Ion\u0000Popescu',
        contact: 'ion@example.com',
        question: 'Cât costă autorizația de construire?',
      }),
    );
    const error = await socket.next((frame) => frame.type === 'error', from);
    expect(error).toMatchObject({ code: 'invalid_frame', ref: 'ticket' });
    expect(error?.message).toContain('name');
    expect(socket.isOpen).toBe(true);
  });

  it('WebSocket: a message frame with NUL gets an invalid_frame error; the socket stays open and answers', async () => {
    const socket = await chatSocket();
    const from = socket.frames.length;
    socket.send(JSON.stringify({ type: 'message', clientMsgId: 'nul-1', text: 'buletin\u0000' }));
    expect(await socket.next((frame) => frame.type === 'error', from)).toMatchObject({
      code: 'invalid_frame',
      ref: 'nul-1',
    });
    expect(socket.isOpen).toBe(true);
    socket.send(JSON.stringify({ type: 'message', clientMsgId: 'ok-1', text: 'Cum îmi fac buletinul?' }));
    expect(
      await socket.next((frame) => frame.type === 'ack' && frame.clientMsgId === 'ok-1', from),
    ).toBeDefined();
  });

  it('console: a clerk reply with NUL is a 400 (the same reply without it is accepted)', async () => {
    const url = `/api/v1/console/conversations/${handedOffId}/messages`;
    const refused = await asClerk(testApp.app, clerk, 'POST', url, { text: 'Bună ziua\u0000' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('NUL');
    const accepted = await asClerk(testApp.app, clerk, 'POST', url, { text: 'Bună ziua' });
    expect(accepted.statusCode).toBe(201);
  });

  it('console: afterSeq above 2^31 is a 400', async () => {
    const url = (afterSeq: string) =>
      `/api/v1/console/conversations/${handedOffId}/messages?afterSeq=${afterSeq}`;
    expect((await asClerk(testApp.app, clerk, 'GET', url('2147483648'))).statusCode).toBe(400);
    expect((await asClerk(testApp.app, clerk, 'GET', url('99999999999'))).statusCode).toBe(400);
    expect((await asClerk(testApp.app, clerk, 'GET', url('0'))).statusCode).toBe(200);
  });
});
