import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BACKENDS } from '../../support/test-databases.js';
import { buildTestApp, type TestApp } from '../../support/build-test-app.js';
import { addClerk, asClerk, login, PASSWORD, sessionCookie } from './console-helpers.js';

describe.each(BACKENDS)('clerk console sessions (%s)', (backend) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await buildTestApp(backend, { LOGIN_MAX_ATTEMPTS: '3', LOGIN_LOCK_MINUTES: '10' });
  });
  afterAll(async () => testApp?.close());

  describe('POST /api/v1/console/login', () => {
    it('sets an httpOnly, SameSite=Strict session cookie and returns the clerk and a CSRF token', async () => {
      const { app } = testApp;
      const clerk = await addClerk(app, { name: 'Ana', departments: ['urbanism', 'taxe'] });
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/console/login',
        payload: { email: clerk.email.toUpperCase(), password: PASSWORD },
      });
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.clerk).toMatchObject({
        name: 'Ana',
        role: 'clerk',
        departments: ['taxe', 'urbanism'],
        availability: 'away',
      });
      expect(body.csrfToken).toEqual(expect.any(String));
      const cookie = String(response.headers['set-cookie']);
      expect(cookie).toMatch(/^antonia_console=[\w-]{40,}/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(cookie).toMatch(/Path=\//);
      expect(cookie).not.toMatch(/Secure/); // COOKIE_SECURE=auto over plain HTTP
      // The cookie holds a random token; the database holds only its hash.
      const token = sessionCookie(response).split('=')[1];
      const { rows } = await app.db.query<{ token_hash: string }>('SELECT token_hash FROM clerk_sessions');
      expect(rows.map((row) => row.token_hash)).not.toContain(token);
    });

    it('answers a wrong password and an unknown address the same way', async () => {
      const { app } = testApp;
      const clerk = await addClerk(app);
      const wrong = await app.inject({
        method: 'POST',
        url: '/api/v1/console/login',
        payload: { email: clerk.email, password: 'not-the-password' },
      });
      const unknown = await app.inject({
        method: 'POST',
        url: '/api/v1/console/login',
        payload: { email: 'nobody@example.org', password: 'whatever-password' },
      });
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.json().error.message).toBe(unknown.json().error.message);
      expect(wrong.headers['set-cookie']).toBeUndefined();
    });

    it('locks an address after LOGIN_MAX_ATTEMPTS failures, even for the right password, and audits the failures', async () => {
      const { app } = testApp;
      const clerk = await addClerk(app);
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const response = await app.inject({
          method: 'POST',
          url: '/api/v1/console/login',
          payload: { email: clerk.email, password: `wrong-${attempt}` },
        });
        expect(response.statusCode).toBe(401);
      }
      const locked = await app.inject({
        method: 'POST',
        url: '/api/v1/console/login',
        payload: { email: clerk.email, password: PASSWORD },
      });
      expect(locked.statusCode).toBe(429);
      expect(locked.json().error.code).toBe('rate_limited');
      const retryAfter = Number(locked.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(9 * 60);
      expect(retryAfter).toBeLessThanOrEqual(10 * 60);
      const { rows } = await app.db.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM audit_log WHERE action = 'login_failed' AND target_clerk_id = $1`,
        [clerk.id],
      );
      expect(rows[0].count).toBe(3);

      // Once the lock has passed (moved into the past here), the right password works again.
      await app.db.query(
        `UPDATE login_throttle SET locked_until = now() - interval '1 second' WHERE key = $1`,
        [`email:${clerk.email}`],
      );
      expect((await login(app, clerk.email)).cookie).toMatch(/^antonia_console=/);
    });

    it('checks at most LOGIN_MAX_ATTEMPTS passwords when 40 logins arrive at once (39 wrong, then the right one)', async () => {
      const { app } = testApp;
      const clerk = await addClerk(app);
      // An address of its own: the IP's count must not lock the other tests out.
      const remoteAddress = '192.0.2.40';
      const passwords = [...Array.from({ length: 39 }, (_, i) => `wrong-parallel-${i}`), PASSWORD];
      const responses = await Promise.all(
        passwords.map((password) =>
          app.inject({
            method: 'POST',
            url: '/api/v1/console/login',
            remoteAddress,
            payload: { email: clerk.email, password },
          }),
        ),
      );
      const statuses = responses.map((response) => response.statusCode);
      const evaluated = statuses.filter((status) => status === 200 || status === 401);
      expect(evaluated.length).toBeGreaterThan(0);
      expect(evaluated.length).toBeLessThanOrEqual(3);
      expect(statuses.filter((status) => status === 429)).toHaveLength(40 - evaluated.length);
      const { rows } = await app.db.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM audit_log WHERE action = 'login_failed' AND target_clerk_id = $1`,
        [clerk.id],
      );
      expect(rows[0].count).toBe(statuses.filter((status) => status === 401).length);
    });

    it('does not count a successful login against the office IP', async () => {
      const { app } = testApp;
      // LOGIN_MAX_ATTEMPTS=3, so the IP may fail 12 times: 13 successful logins from it must all pass.
      const remoteAddress = '192.0.2.41';
      const clerk = await addClerk(app);
      for (let i = 0; i < 13; i += 1) {
        const response = await app.inject({
          method: 'POST',
          url: '/api/v1/console/login',
          remoteAddress,
          payload: { email: clerk.email, password: PASSWORD },
        });
        expect(response.statusCode).toBe(200);
      }
    });

    it('refuses a login posted from another origin', async () => {
      const { app } = testApp;
      const clerk = await addClerk(app);
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/console/login',
        headers: { origin: 'https://evil.example' },
        payload: { email: clerk.email, password: PASSWORD },
      });
      expect(response.statusCode).toBe(403);
    });
  });

  describe('GET /api/v1/console/session and POST /api/v1/console/logout', () => {
    it('returns the session to its cookie only; a citizen token is no clerk credential', async () => {
      const { app } = testApp;
      const clerk = await addClerk(app);
      const session = await login(app, clerk.email);
      const ok = await asClerk(app, session, 'GET', '/api/v1/console/session');
      expect(ok.statusCode).toBe(200);
      expect(ok.json().csrfToken).toBe(session.csrfToken);

      const { token } = await app.conversations.create();
      const bearer = await app.inject({
        method: 'GET',
        url: '/api/v1/console/session',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(bearer.statusCode).toBe(401);
      const asCookie = await app.inject({
        method: 'GET',
        url: '/api/v1/console/session',
        headers: { cookie: `antonia_console=${token}` },
      });
      expect(asCookie.statusCode).toBe(401);
      // …and the clerk's session token opens no conversation.
      expect(await app.conversations.findByToken(session.cookie.split('=')[1])).toBeUndefined();
    });

    it('refuses logout without the CSRF token, then ends the session with it', async () => {
      const { app } = testApp;
      const clerk = await addClerk(app);
      const session = await login(app, clerk.email);
      const noCsrf = await asClerk(app, session, 'POST', '/api/v1/console/logout', {}, { csrf: false });
      expect(noCsrf.statusCode).toBe(403);
      expect(noCsrf.json().error.code).toBe('csrf_failed');
      const wrongCsrf = await app.inject({
        method: 'POST',
        url: '/api/v1/console/logout',
        headers: { cookie: session.cookie, 'x-csrf-token': 'x'.repeat(32) },
        payload: {},
      });
      expect(wrongCsrf.json().error.code).toBe('csrf_failed');
      const out = await asClerk(app, session, 'POST', '/api/v1/console/logout');
      expect(out.statusCode).toBe(204);
      expect(String(out.headers['set-cookie'])).toMatch(/antonia_console=;/);
      expect((await asClerk(app, session, 'GET', '/api/v1/console/session')).statusCode).toBe(401);
    });

    it('expires sessions', async () => {
      const { app } = testApp;
      const clerk = await addClerk(app);
      const session = await login(app, clerk.email);
      await app.db.query(
        `UPDATE clerk_sessions SET expires_at = now() - interval '1 second' WHERE clerk_id = $1`,
        [clerk.id],
      );
      expect((await asClerk(app, session, 'GET', '/api/v1/console/session')).statusCode).toBe(401);
    });

    it('ends the sessions of a deactivated clerk', async () => {
      const { app } = testApp;
      const clerk = await addClerk(app);
      const session = await login(app, clerk.email);
      await app.clerkConsole.accounts.update(clerk.id, { active: false }, null);
      expect((await asClerk(app, session, 'GET', '/api/v1/console/session')).statusCode).toBe(401);
      const again = await app.inject({
        method: 'POST',
        url: '/api/v1/console/login',
        payload: { email: clerk.email, password: PASSWORD },
      });
      expect(again.statusCode).toBe(401);
    });
  });

  it('limits failures per IP address across many addresses', async () => {
    const { app } = testApp;
    let status = 0;
    for (let attempt = 0; attempt < 13 && status !== 429; attempt += 1) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/console/login',
        remoteAddress: '203.0.113.7',
        payload: { email: `guess${attempt}@example.org`, password: 'guessing-password' },
      });
      status = response.statusCode;
    }
    expect(status).toBe(429);
    const other = await addClerk(app);
    const fromOtherIp = await app.inject({
      method: 'POST',
      url: '/api/v1/console/login',
      remoteAddress: '203.0.113.8',
      payload: { email: other.email, password: PASSWORD },
    });
    expect(fromOtherIp.statusCode).toBe(200);
  });
});

describe.each(BACKENDS)('clerk console cookies behind TLS (%s)', (backend) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await buildTestApp(backend, { TRUST_PROXY: 'true' });
  });
  afterAll(async () => testApp?.close());

  it('marks the cookie Secure when the request came over HTTPS', async () => {
    const { app } = testApp;
    const clerk = await addClerk(app);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/console/login',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { email: clerk.email, password: PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    expect(String(response.headers['set-cookie'])).toMatch(/; Secure/);
  });
});
