import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type WebSocket from 'ws';
import { BACKENDS } from '../support/test-databases.js';
import { buildTestApp, type TestApp } from '../support/build-test-app.js';
import { ChatClient } from './ws/chat-client.js';
import { FUZZ_SEED, body, numberField, rawJson, textField } from './fuzz-arbitraries.js';

const backend = BACKENDS[BACKENDS.length - 1];

describe(`fuzzing the first frame of the citizen socket /ws/chat (${backend})`, () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await buildTestApp(backend, {
      API_RATE_LIMIT_PER_MINUTE: '100000',
      WS_MESSAGES_PER_MINUTE: '100000',
      WS_IP_MESSAGES_PER_MINUTE: '1000000',
      HANDOFF_OFFICE_HOURS: 'always',
    });
    await testApp.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await testApp?.close();
  });

  it('answers hostile hello frames (the first frame of a socket) without an internal error', async () => {
    const hello = rawJson(
      body({
        type: fc.constant('hello'),
        v: fc.oneof(fc.constant(1), numberField()),
        token: textField(fc.constant('unknown-token')),
        conversationId: textField(fc.constant('00000000-0000-0000-0000-000000000000')),
        lastSeq: numberField(),
        lang: textField(fc.constant('hu')),
      }),
    );
    await fc.assert(
      fc.asyncProperty(hello, async (raw) => {
        const client = await ChatClient.connect(testApp.app);
        const answered = frameOrClose(client.socket, (f) => f.type === 'error' || f.type === 'welcome');
        client.sendRaw(raw);
        await answered;
        expect(client.of('error').filter((f) => f.code === 'internal_error')).toEqual([]);
        expect([undefined, 4000]).toContain(client.closeCode);
        client.socket.close();
      }),
      { numRuns: 100, seed: FUZZ_SEED },
    );
  });
});

type Frame = { type?: string; code?: string };

/** Resolves with the first frame matching `predicate`, or 'closed' when the socket closes first. */
function frameOrClose(socket: WebSocket, predicate: (frame: Frame) => boolean): Promise<Frame | 'closed'> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(String(data)) as Frame;
      if (!predicate(frame)) return;
      done();
      resolve(frame);
    };
    const onClose = () => {
      done();
      resolve('closed');
    };
    const done = () => {
      socket.off('message', onMessage);
      socket.off('close', onClose);
    };
    socket.on('message', onMessage);
    socket.on('close', onClose);
  });
}
