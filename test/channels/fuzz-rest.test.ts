import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { BACKENDS } from '../support/test-databases.js';
import { buildTestApp, type TestApp } from '../support/build-test-app.js';
import {
  FUZZ_SEED,
  RUNS_PER_BOUNDARY,
  body,
  numberField,
  numberQuery,
  prototypeIsClean,
  rawJson,
  textField,
} from './fuzz-arbitraries.js';

// PostgreSQL when the run has it (production's database, and CI's), PGlite otherwise.
const backend = BACKENDS[BACKENDS.length - 1];

/** Path ids a client could put in the URL: NUL, an encoded lone surrogate, overlong, not a uuid. */
const hostileId = fc.constantFrom(
  '%00',
  'a%00b',
  '%ED%A0%80',
  'x'.repeat(101),
  'not-a-uuid',
  '%C0%80',
  '..%2F..',
);

describe(`fuzzing the citizen REST API /api/v1 (${backend})`, () => {
  let testApp: TestApp;
  let conversationId: string;
  let token: string;
  beforeAll(async () => {
    testApp = await buildTestApp(backend, { API_RATE_LIMIT_PER_MINUTE: '100000' });
    const created = await testApp.app.inject({ method: 'POST', url: '/api/v1/conversations', payload: {} });
    ({ conversationId, token } = created.json() as { conversationId: string; token: string });
    const first = await testApp.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${conversationId}/messages`,
      headers: { authorization: `Bearer ${token}` },
      payload: { text: 'Cum declar nașterea copilului?' },
    });
    expect(first.statusCode).toBe(200);
  });
  afterAll(async () => {
    await testApp?.close();
  });

  const messageBody = body({
    text: textField(fc.constantFrom('buletin', 'Bună ziua', 'taxe locale')),
    action: textField(fc.constantFrom('handoff:cancel', 'procedure:carte-identitate')),
    clientMsgId: textField(fc.constantFrom('fuzz-1', 'fuzz-2')),
  });
  const feedbackBody = body({
    seq: numberField(),
    rating: textField(fc.constantFrom('up', 'down')),
    comment: textField(fc.constantFrom('mulțumesc', '')),
  });
  const createBody = body({ lang: textField(fc.constantFrom('ro', 'en', 'hu')) });

  type Request = { method: 'GET' | 'POST'; url: (id: string) => string; payload?: string; json?: boolean };
  const request: fc.Arbitrary<Request> = fc.oneof(
    rawJson(messageBody).map((payload) => ({
      method: 'POST' as const,
      url: (id: string) => `/api/v1/conversations/${id}/messages`,
      payload,
    })),
    rawJson(feedbackBody).map((payload) => ({
      method: 'POST' as const,
      url: (id: string) => `/api/v1/conversations/${id}/feedback`,
      payload,
    })),
    rawJson(createBody).map((payload) => ({
      method: 'POST' as const,
      url: () => '/api/v1/conversations',
      payload,
    })),
    numberQuery().map((after) => ({
      method: 'GET' as const,
      url: (id: string) => `/api/v1/conversations/${id}/messages?after=${after}`,
    })),
  );

  it(`answers ${RUNS_PER_BOUNDARY} generated requests without a single 500`, async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        request,
        fc.option(hostileId, { freq: 10 }),
        fc.boolean(),
        async (generated, id, json) => {
          const response = await testApp.app.inject({
            method: generated.method,
            url: generated.url(id ?? conversationId),
            headers: {
              authorization: `Bearer ${token}`,
              ...(generated.payload !== undefined
                ? { 'content-type': json || generated.payload === '' ? 'application/json' : 'text/plain' }
                : {}),
            },
            ...(generated.payload !== undefined ? { payload: generated.payload } : {}),
          });
          statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
          expect(response.statusCode).toBeLessThan(500);
          expect(prototypeIsClean()).toBe(true);
        },
      ),
      { numRuns: RUNS_PER_BOUNDARY, seed: FUZZ_SEED },
    );
    // The generator reaches both sides of the door: refusals and accepted requests.
    expect(statuses.get(400)).toBeGreaterThan(RUNS_PER_BOUNDARY / 4);
    expect(statuses.get(200)).toBeGreaterThan(0);
  });
});
