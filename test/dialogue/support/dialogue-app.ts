import { afterAll, beforeAll } from '@jest/globals';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../../../src/config.js';
import { buildTestApp, type TestApp } from '../../support/build-test-app.js';
import type { Backend } from '../../support/test-databases.js';

/**
 * The real app for a dialogue suite, built before its tests and closed after them (call it inside the
 * `describe`). By default clerks are always on duty, so a handoff queues at any hour the suite runs; every
 * request comes from one address, so the per-IP limit is always raised out of the way.
 */
export function useDialogueApp(
  backend: Backend,
  overrides: Partial<Record<keyof AppConfig, string>> = {},
): { readonly app: FastifyInstance } {
  let testApp: TestApp | undefined;
  beforeAll(async () => {
    testApp = await buildTestApp(backend, {
      HANDOFF_OFFICE_HOURS: 'always',
      API_RATE_LIMIT_PER_MINUTE: '100000',
      ...overrides,
    });
  });
  afterAll(async () => {
    await testApp?.close();
  });
  return {
    get app() {
      if (!testApp) throw new Error('the dialogue app is built in beforeAll: use it inside a test');
      return testApp.app;
    },
  };
}
