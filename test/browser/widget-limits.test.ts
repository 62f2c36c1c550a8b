import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openBrowser, type OpenedBrowser } from '../support/browser.js';
import { buildTestApp, type TestApp } from '../support/build-test-app.js';
import { buildBrowserBundles } from './widget-bundles.js';
import { conversationIdOf, openChat } from './widget-page.js';

/**
 * The widget when the service refuses to start a conversation for now (the per-IP creation budget,
 * shared with REST, is spent): it says hello again on the same socket after `retryAfter`, and the chat
 * starts.
 */
describe('citizen chat widget and the conversation-creation limit, in Chromium', () => {
  let testApp: TestApp;
  let browser: OpenedBrowser;

  beforeAll(async () => {
    buildBrowserBundles();
    // 10 per minute: once the budget is spent, the next conversation may start after 6 s, before the
    // socket's 10 s hello timeout (a widget that never said hello again would be closed with 4001).
    testApp = await buildTestApp('pglite', { API_RATE_LIMIT_PER_MINUTE: '10' });
    await testApp.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await openBrowser({ viewport: { width: 1280, height: 860 } });
  });
  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('starts the chat once the budget allows, after a refused hello', async () => {
    const { app } = testApp;
    const hellos: string[] = [];
    let sockets = 0;
    const page = await browser.context.newPage();
    page.on('websocket', (socket) => {
      sockets += 1;
      socket.on('framereceived', (event) => {
        const text = String(event.payload);
        if (text.includes('"ref":"hello"') || text.includes('"type":"welcome"')) hellos.push(text);
      });
    });
    const port = (app.server.address() as AddressInfo).port;
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.locator('antonia-widget .launcher').waitFor({ state: 'visible' });
    // Spend this address's budget over REST, as another client on the same IP (an office NAT) would.
    let refused = false;
    for (let i = 0; i < 20 && !refused; i += 1) {
      const response = await app.inject({ method: 'POST', url: '/api/v1/conversations', payload: {} });
      refused = response.statusCode === 429;
    }
    expect(refused).toBe(true);

    const frame = await openChat(page);
    const conversationId = await conversationIdOf(frame);
    expect(await app.conversations.get(conversationId)).toBeDefined();
    // The first hello was refused (the budget was spent), a later one was welcomed.
    expect(hellos[0]).toContain('"code":"rate_limited"');
    expect(hellos.at(-1)).toContain('"type":"welcome"');
    // On the same socket: the widget said hello again, it was not closed for silence and reconnected.
    expect(sockets).toBe(1);
    await page.close();
  });
});
