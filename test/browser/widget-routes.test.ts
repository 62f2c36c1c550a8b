import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fromProjectRoot } from '../../src/project-root.js';
import { buildTestApp, type TestApp } from '../support/build-test-app.js';
import { BACKENDS } from '../support/test-databases.js';
import { buildBrowserBundles } from './widget-bundles.js';

const CITY = 'https://primariaclujnapoca.ro';

beforeAll(() => buildBrowserBundles());

describe.each(BACKENDS)('widget web routes on %s', (backend) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await buildTestApp(backend, {
      ALLOWED_ORIGINS: `${CITY},https://www.primariaclujnapoca.ro`,
      PRIVACY_URL: 'https://primariaclujnapoca.ro/confidentialitate?a=1&b="2"',
    });
  });
  afterAll(async () => testApp?.close());

  describe('GET /widget.js', () => {
    it('serves the built loader, gzipped when accepted, cacheable for 5 minutes', async () => {
      const built = readFileSync(fromProjectRoot('public/build/widget.js'));
      const response = await testApp.app.inject({
        method: 'GET',
        url: '/widget.js',
        headers: { 'accept-encoding': 'gzip, br' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/javascript; charset=utf-8');
      expect(response.headers['content-encoding']).toBe('gzip');
      expect(response.headers['cache-control']).toBe('public, max-age=300');
      expect(response.headers['cross-origin-resource-policy']).toBe('cross-origin');
      expect(gunzipSync(response.rawPayload).equals(built)).toBe(true);

      const plain = await testApp.app.inject({ method: 'GET', url: '/widget.js' });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.rawPayload.equals(built)).toBe(true);
    });

    it('answers 304 to a request with the current ETag', async () => {
      const first = await testApp.app.inject({ method: 'GET', url: '/widget.js' });
      const again = await testApp.app.inject({
        method: 'GET',
        url: '/widget.js',
        headers: { 'if-none-match': String(first.headers.etag) },
      });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
    });
  });

  describe('GET /widget/frame', () => {
    it('may be framed by the allowed origins only, with no X-Frame-Options', async () => {
      const response = await testApp.app.inject({
        method: 'GET',
        url: `/widget/frame?lang=hu&parent=${encodeURIComponent(CITY)}`,
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['x-frame-options']).toBeUndefined();
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain(
        "frame-ancestors 'self' https://primariaclujnapoca.ro https://www.primariaclujnapoca.ro",
      );
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe');
      expect(response.headers['cache-control']).toBe('no-cache');
    });

    it('passes the language and the escaped privacy URL, and versions its script and styles', async () => {
      const response = await testApp.app.inject({ method: 'GET', url: '/widget/frame?lang=hu' });
      expect(response.body).toContain('<html lang="hu"');
      expect(response.body).toContain(
        'data-privacy-url="https://primariaclujnapoca.ro/confidentialitate?a=1&amp;b=&quot;2&quot;"',
      );
      const version = /chat-frame\.js\?v=([0-9a-f]{12})"/.exec(response.body)?.[1];
      expect(version).toBeDefined();
      expect(response.body).toContain(`/widget/frame.css?v=${version}`);

      const script = await testApp.app.inject({ method: 'GET', url: `/widget/chat-frame.js?v=${version}` });
      expect(script.statusCode).toBe(200);
      expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const stale = await testApp.app.inject({ method: 'GET', url: '/widget/frame.css?v=000000000000' });
      expect(stale.headers['content-type']).toBe('text/css; charset=utf-8');
      expect(stale.headers['cache-control']).toBe('public, max-age=300');
    });

    it('refuses a parent origin that is neither allowed nor the service itself', async () => {
      const response = await testApp.app.inject({
        method: 'GET',
        url: `/widget/frame?parent=${encodeURIComponent('https://evil.example')}`,
      });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('forbidden');

      const self = await testApp.app.inject({
        method: 'GET',
        url: `/widget/frame?parent=${encodeURIComponent('http://localhost:80')}`,
        headers: { host: 'localhost' },
      });
      expect(self.statusCode).toBe(403); // not a bare origin (explicit default port)
      const same = await testApp.app.inject({
        method: 'GET',
        url: `/widget/frame?parent=${encodeURIComponent('http://antonia.local:3000')}`,
        headers: { host: 'antonia.local:3000' },
      });
      expect(same.statusCode).toBe(200);
    });

    it('leaves the global policy on every other page (not framable by other sites)', async () => {
      const response = await testApp.app.inject({ method: 'GET', url: '/' });
      expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(String(response.headers['content-security-policy'])).toContain("frame-ancestors 'self';");
    });
  });

  describe('demo and test pages', () => {
    it('GET / embeds the widget with the one tag', async () => {
      const response = await testApp.app.inject({ method: 'GET', url: '/' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.body).toContain('<script src="/widget.js" data-lang="ro" async></script>');
      expect(response.body).toContain('Primăria Municipiului Cluj-Napoca');
      const styles = await testApp.app.inject({ method: 'GET', url: '/demo/site.css' });
      expect(styles.statusCode).toBe(200);
    });

    it('GET /widget/test serves the hostile host page', async () => {
      const response = await testApp.app.inject({ method: 'GET', url: '/widget/test' });
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('src="/widget.js"');
    });
  });
});

describe('widget web routes with SERVE_DEMO_PAGE=false', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await buildTestApp('pglite', { SERVE_DEMO_PAGE: 'false' });
  });
  afterAll(async () => testApp?.close());

  it('serves the widget but neither the demo page nor the test page', async () => {
    expect((await testApp.app.inject({ method: 'GET', url: '/' })).statusCode).toBe(404);
    expect((await testApp.app.inject({ method: 'GET', url: '/widget/test' })).statusCode).toBe(404);
    expect((await testApp.app.inject({ method: 'GET', url: '/widget.js' })).statusCode).toBe(200);
    expect((await testApp.app.inject({ method: 'GET', url: '/widget/frame' })).statusCode).toBe(200);
  });
});
