import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { configWith, type AppConfig } from '../../src/config.js';
import { createTestDatabase, type Backend, type TestDatabase } from './test-databases.js';

export interface TestApp {
  app: FastifyInstance;
  testDatabase: TestDatabase;
  config: AppConfig;
  close(): Promise<void>;
}

/** The real app, built the way server.ts builds it, on a fresh test database of the given backend. */
export async function buildTestApp(
  backend: Backend,
  overrides: Partial<Record<keyof AppConfig, string>> = {},
  testDatabase?: TestDatabase,
): Promise<TestApp> {
  const database = testDatabase ?? (await createTestDatabase(backend));
  const config = configWith({ LOG_LEVEL: 'silent', ...overrides });
  const app = await buildApp(config, { database: database.database, logger: false });
  await app.ready();
  return {
    app,
    testDatabase: database,
    config,
    close: async () => {
      await app.close();
      if (!testDatabase) await database.dispose();
    },
  };
}
