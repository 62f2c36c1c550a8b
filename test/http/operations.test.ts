import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildTestApp, type TestApp } from '../support/build-test-app.js';
import { BACKENDS } from '../support/test-databases.js';

describe.each(BACKENDS)('operations endpoints on %s', (backend) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await buildTestApp(backend, { ALLOWED_ORIGINS: 'https://primariaclujnapoca.ro' });
  });
  afterAll(async () => testApp?.close());

  it('GET /health answers ok', async () => {
    const response = await testApp.app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('GET /ready reports the database and migrations as ready', async () => {
    const response = await testApp.app.inject({ method: 'GET', url: '/ready' });
    expect(response.json()).toMatchObject({ status: 'ready', checks: { database: 'ok', migrations: 'ok' } });
    expect(response.statusCode).toBe(200);
  });

  it('GET /ready answers 503 when a migration is missing', async () => {
    await testApp.testDatabase.database.query("DELETE FROM schema_migrations WHERE version = '001'");
    try {
      const response = await testApp.app.inject({ method: 'GET', url: '/ready' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ status: 'not_ready', checks: { migrations: 'failing' } });
    } finally {
      const { readMigrations } = await import('../../src/storage/migrate.js');
      const first = readMigrations()[0];
      await testApp.testDatabase.database.query(
        'INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)',
        [first.version, first.name, first.checksum],
      );
    }
  });

  it('answers unknown routes with the JSON error shape and a request id', async () => {
    const response = await testApp.app.inject({ method: 'GET', url: '/nowhere?cnp=1960101123456' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    const body = response.json();
    expect(body).toEqual({
      error: { code: 'not_found', message: 'Route GET /nowhere not found.' },
      requestId: response.headers['x-request-id'],
    });
  });

  it('answers malformed JSON with 400 in the same shape, without a stack trace', async () => {
    const response = await testApp.app.inject({
      method: 'POST',
      url: '/health',
      headers: { 'content-type': 'application/json' },
      payload: '{"broken":',
    });
    expect([400, 404]).toContain(response.statusCode);
    expect(response.json().error.code).toBeDefined();
    expect(response.body).not.toMatch(/at .*\.js:\d+/);
  });

  it('allows CORS only for configured origins', async () => {
    const allowed = await testApp.app.inject({
      method: 'OPTIONS',
      url: '/health',
      headers: { origin: 'https://primariaclujnapoca.ro', 'access-control-request-method': 'GET' },
    });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://primariaclujnapoca.ro');
    const refused = await testApp.app.inject({
      method: 'OPTIONS',
      url: '/health',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sends security headers', async () => {
    const response = await testApp.app.inject({ method: 'GET', url: '/health' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('serves the OpenAPI document generated from the schemas', async () => {
    const response = await testApp.app.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe('3.0.3');
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/health', '/ready']));
  });
});
