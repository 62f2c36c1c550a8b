import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { BACKENDS } from '../support/test-databases.js';
import { buildTestApp, type TestApp } from '../support/build-test-app.js';
import { addAndLogin, addClerk, asClerk, handedOff, type ClerkLogin } from './console/console-helpers.js';
import { listen } from './console/console-socket-client.js';
import {
  FUZZ_SEED,
  FUZZ_TEST_TIMEOUT_MS,
  RUNS_PER_BOUNDARY,
  body,
  numberField,
  numberQuery,
  prototypeIsClean,
  rawJson,
  textField,
} from './fuzz-arbitraries.js';
import { FuzzSocket } from './fuzz-socket-client.js';
import {
  ConsoleClientFrameSchema,
  type ConsoleClientFrame,
} from '../../src/channels/console/console-frames.js';

/** The frame as the documented schema reads it, or undefined when it must be refused. */
function acceptedConsoleFrame(raw: string | Buffer): ConsoleClientFrame | undefined {
  try {
    const parsed = ConsoleClientFrameSchema.safeParse(JSON.parse(String(raw)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

// PostgreSQL when the run has it (production's database, and CI's), PGlite otherwise.
const backend = BACKENDS[BACKENDS.length - 1];

/** A path segment a client could send: hostile (NUL, encoded lone surrogate, overlong) or not an id. */
const hostileSegment = fc.constantFrom(
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%C0%80',
  'x'.repeat(101),
  'not-a-uuid',
  '..%2F..',
  'ANT-2026-000001%00',
);

/** Requests sent at once. */
const BATCH = 8;

type Request = { method: 'GET' | 'POST' | 'PUT' | 'PATCH'; url: string; payload?: string };

describe(`fuzzing the clerk console API /api/v1/console and /ws/console (${backend})`, () => {
  let testApp: TestApp;
  let baseUrl: string;
  let admin: ClerkLogin;
  let conversationId: string;
  let otherClerkId: string;
  beforeAll(async () => {
    testApp = await buildTestApp(backend, { HANDOFF_OFFICE_HOURS: 'always' });
    baseUrl = await listen(testApp.app);
    // An admin sees every route; the conversation is claimed by them, so replies and notes are accepted.
    admin = await addAndLogin(testApp.app, { role: 'admin', departments: ['urbanism'] });
    ({ id: otherClerkId } = await addClerk(testApp.app));
    ({ conversationId } = await handedOff(testApp.app));
    const claimed = await asClerk(
      testApp.app,
      admin,
      'POST',
      `/api/v1/console/conversations/${conversationId}/claim`,
    );
    expect(claimed.statusCode).toBe(200);
  });
  afterAll(async () => {
    await testApp?.close();
  });

  it(
    `answers ${RUNS_PER_BOUNDARY} generated requests without a single 500`,
    async () => {
      const id = () => fc.option(hostileSegment, { freq: 8 }).map((segment) => segment ?? conversationId);
      const text = (valid: string) => textField(fc.constant(valid));
      const post = (path: fc.Arbitrary<string>, fields: Record<string, fc.Arbitrary<unknown>>) =>
        fc
          .tuple(path, rawJson(body(fields)))
          .map(([url, payload]): Request => ({ method: 'POST', url, payload }));
      const conversation = (suffix: string) =>
        id().map((each) => `/api/v1/console/conversations/${each}${suffix}`);

      const request: fc.Arbitrary<Request> = fc.oneof(
        post(fc.constant('/api/v1/console/login'), {
          email: text('nimeni@primariaclujnapoca.ro'),
          password: text('parola-gresita-lunga'),
        }),
        fc
          .tuple(rawJson(body({ availability: text('available') })))
          .map(([payload]): Request => ({ method: 'PUT', url: '/api/v1/console/me/availability', payload })),
        conversation('').map((url): Request => ({ method: 'GET', url })),
        fc
          .tuple(conversation('/messages'), numberQuery())
          .map(([url, after]): Request => ({ method: 'GET', url: `${url}?afterSeq=${after}` })),
        post(conversation('/messages'), {
          text: text('Bună ziua, vă ajut eu.'),
          clientMsgId: text('reply-1'),
        }),
        post(conversation('/notes'), { text: text('Notă internă') }),
        post(conversation('/typing'), {}),
        post(conversation('/transfer'), {
          toDepartment: text('urbanism'),
          toClerkId: textField(fc.constant(otherClerkId)),
          note: text('Vă rog preluați'),
        }),
        post(conversation('/reassign'), { toClerkId: textField(fc.constant(otherClerkId)) }),
        post(conversation('/close'), { outcome: text('resolved'), note: text('Rezolvat') }),
        fc
          .tuple(fc.constantFrom('', '?scope=mine', '?scope=open', '?scope=closed'), numberQuery())
          .map(([query, q]): Request => ({
            method: 'GET',
            url: `/api/v1/console/conversations${query || `?scope=${q}`}`,
          })),
        numberQuery().map((q): Request => ({ method: 'GET', url: `/api/v1/console/procedures?q=${q}` })),
        fc.tuple(fc.option(hostileSegment, { freq: 2 }), numberQuery()).map(([slug, lang]): Request => ({
          method: 'GET',
          url: `/api/v1/console/procedures/${slug ?? 'carte-identitate'}/summary?lang=${lang}`,
        })),
        fc.tuple(numberQuery(), numberQuery()).map(([status, department]): Request => ({
          method: 'GET',
          url: `/api/v1/console/tickets?status=${status}&department=${department}`,
        })),
        post(
          fc
            .option(hostileSegment, { freq: 2 })
            .map((number) => `/api/v1/console/tickets/${number ?? 'ANT-2026-999999'}/close`),
          {},
        ),
        post(fc.constant('/api/v1/console/clerks'), {
          email: text('nou@primariaclujnapoca.ro'),
          name: text('Funcționar Nou'),
          role: text('clerk'),
          departments: fc.oneof(fc.constant(['urbanism']), textField(fc.constant('urbanism'))),
          password: text('o-parola-destul-de-lunga'),
        }),
        fc
          .tuple(
            fc.option(hostileSegment, { freq: 2 }),
            rawJson(
              body({
                name: text('Alt Nume'),
                role: text('clerk'),
                departments: fc.oneof(fc.constant(['urbanism']), textField(fc.constant('urbanism'))),
                active: fc.oneof(fc.boolean(), numberField()),
              }),
            ),
          )
          .map(([clerkId, payload]): Request => ({
            method: 'PATCH',
            url: `/api/v1/console/clerks/${clerkId ?? otherClerkId}`,
            payload,
          })),
        fc
          .tuple(numberQuery(), numberQuery(), fc.option(hostileSegment, { freq: 2 }))
          .map(([before, limit, clerkId]): Request => ({
            method: 'GET',
            url: `/api/v1/console/audit?before=${before}&limit=${limit}&clerkId=${clerkId ?? otherClerkId}`,
          })),
      );

      const statuses = new Map<number, number>();
      const send = async ([generated, json]: [Request, boolean]) => {
        const response = await testApp.app.inject({
          method: generated.method,
          url: generated.url,
          headers: {
            cookie: admin.cookie,
            ...(generated.method !== 'GET' ? { 'x-csrf-token': admin.csrfToken } : {}),
            ...(generated.payload !== undefined
              ? { 'content-type': json || generated.payload === '' ? 'application/json' : 'text/plain' }
              : {}),
          },
          ...(generated.payload !== undefined ? { payload: generated.payload } : {}),
        });
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        return response.statusCode;
      };
      // Requests go in concurrent batches, as a busy console sends them: each authenticated request waits
      // on the database (session, presence), and two cores are used better when those waits overlap.
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(request, fc.boolean()), { minLength: BATCH, maxLength: BATCH }),
          async (batch) => {
            const codes = await Promise.all(batch.map(send));
            expect(codes.filter((code) => code >= 500)).toEqual([]);
            expect(prototypeIsClean()).toBe(true);
          },
        ),
        { numRuns: RUNS_PER_BOUNDARY / BATCH, seed: FUZZ_SEED },
      );
      expect([...statuses.values()].reduce((sum, count) => sum + count, 0)).toBeGreaterThanOrEqual(
        RUNS_PER_BOUNDARY,
      );
      // Both sides of the door are reached, and the session survived (no 401 storm).
      expect(statuses.get(400)).toBeGreaterThan(RUNS_PER_BOUNDARY / 4);
      expect(statuses.get(200)).toBeGreaterThan(0);
      const session = await asClerk(testApp.app, admin, 'GET', '/api/v1/console/session');
      expect(session.statusCode).toBe(200);
    },
    FUZZ_TEST_TIMEOUT_MS,
  );

  it(
    `answers ${RUNS_PER_BOUNDARY} generated frames on one /ws/console socket: an error for each bad one`,
    async () => {
      const socket = await FuzzSocket.open(`${baseUrl.replace(/^http/, 'ws')}/ws/console`, {
        cookie: admin.cookie,
        origin: baseUrl,
      });
      expect(await socket.next((f) => f.type === 'hello', 0)).toBeDefined();
      const conversation = textField(fc.constantFrom(conversationId, '00000000-0000-0000-0000-000000000000'));
      const frame: fc.Arbitrary<string | Buffer> = fc.oneof(
        {
          weight: 30,
          arbitrary: rawJson(
            fc
              .tuple(
                fc.oneof(
                  { weight: 8, arbitrary: fc.constantFrom('subscribe', 'unsubscribe', 'typing', 'ping') },
                  { weight: 1, arbitrary: textField(fc.constantFrom('hello', 'message', 'SUBSCRIBE')) },
                ),
                body({ conversationId: conversation, lastSeq: numberField() }),
              )
              .map(([type, fields]) => ({ type, ...fields })),
          ).filter((raw) => Buffer.byteLength(raw) <= 64 * 1024),
        },
        { weight: 1, arbitrary: fc.uint8Array({ maxLength: 40 }).map((bytes) => Buffer.from(bytes)) },
      );

      let refused = 0;
      await fc.assert(
        fc.asyncProperty(frame, async (raw) => {
          const accepted = acceptedConsoleFrame(raw);
          const from = socket.frames.length;
          socket.send(raw);
          // Frames are handled one after another: the pong to a ping sent next means this one is done.
          socket.send(JSON.stringify({ type: 'ping' }));
          let pongs = accepted?.type === 'ping' ? 2 : 1;
          expect(await socket.next((f) => f.type === 'pong' && --pongs === 0, from)).toBeDefined();
          const answers = socket.frames.slice(from);
          expect(answers.filter((f) => f.code === 'internal_error')).toEqual([]);
          if (!accepted) {
            refused += 1;
            expect(answers.filter((f) => f.type === 'error').map((f) => f.code)).toEqual([
              'validation_failed',
            ]);
          }
          expect(socket.isOpen).toBe(true);
        }),
        // No shrinking: the runs share one socket, so a shrunk replay would not reproduce the state.
        { numRuns: RUNS_PER_BOUNDARY, seed: FUZZ_SEED, endOnFailure: true },
      );
      expect(refused).toBeGreaterThan(RUNS_PER_BOUNDARY / 2);
      expect(socket.frames.filter((f) => f.code === 'internal_error')).toEqual([]);
      expect(socket.unreadable).toEqual([]);
      expect(socket.isOpen).toBe(true);
      await socket.close();
    },
    FUZZ_TEST_TIMEOUT_MS,
  );
});
