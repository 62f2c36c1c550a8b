/** Jest runs the same native-ESM graph as production, transformed by swc (type-checking is `npm run typecheck`). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
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
