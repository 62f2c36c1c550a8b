/** Jest runs the same native-ESM graph as production, transformed by swc (type-checking is `npm run typecheck`). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // `*.postgres.test.ts` only mean something on a PostgreSQL server (dropped connections, LISTEN): they run
  // when TEST_DATABASE_URL is set, as CI does, and are not collected otherwise (rather than reported skipped).
  testPathIgnorePatterns: ['/node_modules/', ...(process.env.TEST_DATABASE_URL ? [] : ['\\.postgres\\.test\\.ts$'])],
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.(t|j)s$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }],
  },
  // ESM-only dependencies (cookie@2 via light-my-request for app.inject(), content-disposition via
  // @fastify/static) must be transformed: Jest on Node 20 cannot require() ESM.
  transformIgnorePatterns: ['/node_modules/(?!(cookie|content-disposition)/)'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  globalSetup: '<rootDir>/test/support/global-setup.cjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.cjs',
  // App-building suites, PGlite and Chromium share two cores: generous hook/test timeouts, no timing assertions.
  testTimeout: 120_000,
  maxWorkers: 2,
};
