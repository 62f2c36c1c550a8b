import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type WebSocket from 'ws';
import { BACKENDS } from '../support/test-databases.js';
import { buildTestApp, type TestApp } from '../support/build-test-app.js';
import { parseClientFrame } from '../../src/channels/ws/client-frames.js';
import { ServerFrameSchema } from '../../src/protocol/chat-frames.js';
import { ChatClient, socketUrl } from './ws/chat-client.js';
import {
  FUZZ_SEED,
  FUZZ_TEST_TIMEOUT_MS,
  RUNS_PER_BOUNDARY,
  body,
  numberField,
  rawJson,
  textField,
} from './fuzz-arbitraries.js';
import { FuzzSocket } from './fuzz-socket-client.js';

const backend = BACKENDS[BACKENDS.length - 1];

/** The server's frame size limit (src/app.ts, docs/protocol.md). */
const MAX_FRAME_BYTES = 64 * 1024;
/** A message seq no conversation here reaches: feedback on it is refused with not_found. */
const BARRIER_SEQ = 2 ** 31 - 1;

const FRAME_TYPES_WITH_FIELDS = ['hello', 'message', 'action', 'feedback', 'ticket'] as const;
const FRAME_TYPES_WITHOUT_FIELDS = ['typing', 'handoff.request', 'handoff.cancel'] as const;

/**
 * A frame after hello: mostly a known type with hostile fields, sometimes an unknown or missing type,
 * sometimes not JSON at all (text or binary). Valid frames are rare; each is a real turn or write.
 */
const anyChatFrame: fc.Arbitrary<string | Buffer> = fc.oneof(
  {
    weight: 30,
    arbitrary: rawJson(
      fc
        .tuple(
          fc.oneof(
            // Frames with fields to get wrong come often; the field-less ones (always valid, each a
            // database round trip) rarely.
            { weight: 40, arbitrary: fc.constantFrom(...FRAME_TYPES_WITH_FIELDS) },
            { weight: 3, arbitrary: fc.constantFrom(...FRAME_TYPES_WITHOUT_FIELDS) },
            { weight: 5, arbitrary: textField(fc.constantFrom('subscribe', 'ping', 'MESSAGE')) },
          ),
          body({
            clientMsgId: textField(fc.constantFrom('fuzz-1', 'fuzz-2', 'x'.repeat(65))),
            text: textField(fc.constantFrom('buletin', 'Bună ziua')),
            value: textField(fc.constantFrom('handoff:cancel', 'procedure:carte-identitate')),
            seq: numberField(),
            rating: textField(fc.constantFrom('up', 'down')),
            comment: textField(fc.constantFrom('mulțumesc', '')),
            name: textField(fc.constantFrom('Ion Popescu')),
            contact: textField(fc.constantFrom('ion@example.com')),
            question: textField(fc.constantFrom('Cât costă autorizația de construire?')),
            lang: textField(fc.constantFrom('ro', 'en', 'hu')),
            v: numberField(),
            token: textField(fc.constantFrom('unknown-token')),
          }),
        )
        .map(([type, fields]) => ({ type, ...fields })),
    ),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 40 }).map((bytes) => Buffer.from(bytes)) },
);

/**
 * Frames within the 64 KB limit, plus a few over it: each of those closes the socket (1009), and the
 * run goes on with a new one, so they are kept rare to fuzz long-lived sockets.
 */
const chatFrame: fc.Arbitrary<string | Buffer> = fc.oneof(
  { weight: 200, arbitrary: anyChatFrame.filter((raw) => Buffer.byteLength(raw) <= MAX_FRAME_BYTES) },
  { weight: 1, arbitrary: anyChatFrame.filter((raw) => Buffer.byteLength(raw) > MAX_FRAME_BYTES) },
);

describe(`fuzzing the citizen socket /ws/chat (${backend})`, () => {
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

  it(
    `answers ${RUNS_PER_BOUNDARY} generated frames after hello on one socket: an error frame for each bad one, never internal_error`,
    async () => {
      const started = async () => {
        const opened = await FuzzSocket.open(`${socketUrl(testApp.app)}/ws/chat`);
        opened.send(JSON.stringify({ type: 'hello', v: 1 }));
        expect(await opened.next((f) => f.type === 'welcome')).toBeDefined();
        return opened;
      };
      let socket = await started();
      const sockets = [socket];
      const counts = { refused: 0, accepted: 0, oversize: 0 };

      await fc.assert(
        fc.asyncProperty(chatFrame, async (raw) => {
          const expected = typeof raw === 'string' ? parseClientFrame(raw) : undefined;
          const from = socket.frames.length;
          socket.send(raw);
          if (Buffer.byteLength(raw) > MAX_FRAME_BYTES) {
            // Documented (docs/protocol.md): a frame over 64 KB closes the socket with 1009; the client
            // reconnects. The fuzzing goes on with a new socket.
            counts.oversize += 1;
            expect(await socket.next(() => false, from)).toBeUndefined();
            expect(socket.closeCode).toBe(1009);
            socket = await started();
            sockets.push(socket);
            return;
          }
          if (expected?.ok) {
            // An accepted frame may answer later or not at all (typing, an `up` rating). The citizen's
            // requests run one at a time, so the answer to a barrier queued behind it (feedback on a
            // message that does not exist) means its turn is over; its own frames are checked at the end.
            counts.accepted += 1;
            socket.send(JSON.stringify({ type: 'feedback', seq: BARRIER_SEQ, rating: 'up' }));
            const frame = expected.frame;
            let barriers = frame.type === 'feedback' && frame.seq === BARRIER_SEQ ? 2 : 1;
            const barrier = await socket.next(
              (f) => f.type === 'error' && f.ref === String(BARRIER_SEQ) && --barriers === 0,
              from,
              30_000,
            );
            expect(barrier?.code).toBe('not_found');
          } else {
            counts.refused += 1;
            const answer = await socket.next((f) => f.type === 'error', from);
            // Binary frames are refused as invalid_json; otherwise the documented code for the problem.
            expect(answer?.code).toBe(expected ? expected.problem.code : 'invalid_json');
          }
          expect(socket.isOpen).toBe(true);
        }),
        // No shrinking: the runs share one socket, so a shrunk replay would not reproduce the state.
        { numRuns: RUNS_PER_BOUNDARY, seed: FUZZ_SEED, endOnFailure: true },
      );

      // The socket still works: a valid message gets its ack and the bot's answer. (A fuzzed
      // handoff.request may have handed the conversation to people, who would answer instead: cancelled.)
      const from = socket.frames.length;
      socket.send(JSON.stringify({ type: 'handoff.cancel' }));
      expect(await socket.next((f) => f.type === 'handoff', from)).toBeDefined();
      socket.send(
        JSON.stringify({ type: 'message', clientMsgId: 'after-fuzz', text: 'Cum îmi fac buletinul?' }),
      );
      const ack = await socket.next((f) => f.type === 'ack' && f.clientMsgId === 'after-fuzz', from, 30_000);
      const seq = ack?.seq as number;
      const answer = await socket.next(
        (f) => f.type === 'message' && f.from === 'bot' && (f.seq as number) > seq,
        from,
        30_000,
      );
      expect(answer?.text).toEqual(expect.any(String));

      const received = sockets.flatMap((each) => each.frames);
      expect(received.filter((f) => f.code === 'internal_error')).toEqual([]);
      expect(sockets.flatMap((each) => each.unreadable)).toEqual([]);
      expect(received.filter((f) => !ServerFrameSchema.safeParse(f).success)).toEqual([]);
      expect(socket.isOpen).toBe(true);
      // Reconnects are the exception (oversize frames only): the fuzzing ran on long-lived sockets.
      expect(sockets.length).toBe(counts.oversize + 1);
      expect(counts.oversize).toBeGreaterThan(0);
      expect(counts.oversize).toBeLessThan(RUNS_PER_BOUNDARY / 50);
      // Both sides of the door are reached.
      expect(counts.refused).toBeGreaterThan(RUNS_PER_BOUNDARY / 2);
      expect(counts.accepted).toBeGreaterThan(0);
      await socket.close();
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
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
