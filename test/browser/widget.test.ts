import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Frame, Page, Request } from 'playwright-core';
import { buildApp } from '../../src/app.js';
import { fromProjectRoot } from '../../src/project-root.js';
import { openBrowser, type OpenedBrowser } from '../support/browser.js';
import { buildTestApp, type TestApp } from '../support/build-test-app.js';
import { waitFor } from '../support/wait-for.js';
import { buildBrowserBundles } from './widget-bundles.js';
import {
  axeViolations,
  conversationIdOf,
  describeViolations,
  focusedOnHost,
  LONG,
  openChat,
  panelSettled,
  replyTo,
  storedSeqs,
  waitForChatFrame,
} from './widget-page.js';

/**
 * The citizen widget end to end, in Debian's Chromium, against the real app (PGlite, the real dialogue
 * engine and knowledge base, the real /ws/chat): embedding, keyboard use, an answer with its source,
 * history after a reload and in a second tab, the offline outbox, a service restart, HTML shown as
 * text, an axe-core audit, and the phone layout. The steps share one browser profile and build on each
 * other, like one citizen's visit.
 */
const ARTIFACTS = fromProjectRoot('test-artifacts');
const BUDGET_BYTES = 35 * 1024;

describe('citizen chat widget in Chromium', () => {
  let testApp: TestApp;
  let baseUrl: string;
  let port: number;
  let browser: OpenedBrowser;
  let page: Page;
  let frame: Frame;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    buildBrowserBundles();
    mkdirSync(ARTIFACTS, { recursive: true });
    testApp = await buildTestApp('pglite');
    await testApp.app.listen({ port: 0, host: '127.0.0.1' });
    port = (testApp.app.server.address() as AddressInfo).port;
    baseUrl = `http://127.0.0.1:${port}`;
    browser = await openBrowser({ viewport: { width: 1280, height: 860 } });
    browser.context.on('page', (opened) => opened.on('pageerror', (error) => pageErrors.push(error.message)));
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('loads only widget.js, within the size budget, until the chat is opened', async () => {
    const requests: Request[] = [];
    page.on('request', (request) => requests.push(request));
    await page.goto(`${baseUrl}/`);
    await page.locator('antonia-widget .launcher').waitFor({ state: 'visible', timeout: LONG });
    await page.waitForLoadState('networkidle');

    const widgetRequests = requests.filter((request) =>
      /\/widget|\/ws\//.test(new URL(request.url()).pathname),
    );
    expect(widgetRequests.map((request) => new URL(request.url()).pathname)).toEqual(['/widget.js']);
    const loader = await widgetRequests[0].sizes();
    console.log(
      `widget.js over the wire before opening: ${loader.responseBodySize} B (budget ${BUDGET_BYTES} B)`,
    );
    expect(loader.responseBodySize).toBeLessThanOrEqual(BUDGET_BYTES);
    expect(await page.locator('antonia-widget iframe').count()).toBe(0);
  });

  it('opens with the keyboard only and moves focus into the panel', async () => {
    let found = false;
    for (let presses = 0; presses < 40 && !found; presses += 1) {
      await page.keyboard.press('Tab');
      found = (await focusedOnHost(page)).startsWith('widget:button.launcher');
    }
    expect(found).toBe(true);
    expect(await page.locator('antonia-widget .launcher').getAttribute('aria-expanded')).toBe('false');

    await page.keyboard.press('Enter');
    frame = await waitForChatFrame(page);
    expect(await page.locator('antonia-widget .launcher').getAttribute('aria-expanded')).toBe('true');
    await waitFor(
      () => frame.evaluate(() => document.hasFocus() && document.activeElement?.id === 'chat-input'),
      'focus in the composer',
      LONG,
    );
  });

  it('answers "cum îmi fac buletinul?" with a source link', async () => {
    await page.keyboard.type('cum îmi fac buletinul?');
    await page.keyboard.press('Enter');

    const answer = frame
      .locator('.msg-bot')
      .filter({ has: frame.locator('.msg-sources a') })
      .first();
    await answer.waitFor({ state: 'visible', timeout: LONG });
    const link = answer.locator('.msg-sources a').first();
    expect(await link.getAttribute('href')).toMatch(/^https?:\/\//);
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await answer.textContent()).toMatch(/identitate|buletin/i);
    // The answer's parts are shown once each: lists under headings, sources as links (not as raw text).
    expect(await answer.locator('.msg-section-title').count()).toBeGreaterThan(0);
    const paragraphs = (await answer.locator('.msg-text').allTextContents()).join('\n');
    expect(paragraphs).not.toMatch(/\[1\] .* — https?:/);
    for (const title of await answer.locator('.msg-section-title').allTextContents()) {
      expect(paragraphs).not.toContain(`${title}:`);
    }

    const asked = frame
      .locator('.msg-citizen:not(.msg-pending)')
      .filter({ hasText: 'cum îmi fac buletinul?' });
    expect(await asked.count()).toBe(1);
    expect(await frame.locator('.msg-pending').count()).toBe(0);
    // The answer was announced to screen readers through the polite live region.
    expect(await frame.locator('[aria-live="polite"]').textContent()).toContain('ANTONIA:');

    // Thumbs up on the answer is stored against its seq.
    const seq = Number(await answer.getAttribute('data-seq'));
    await answer.getByRole('button', { name: 'Da, a fost util' }).click();
    expect(await answer.getByRole('button', { name: 'Da, a fost util' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    const conversationId = await conversationIdOf(frame);
    await waitFor(
      async () => {
        const { rows } = await testApp.app.db.query<{ rating: string }>(
          'SELECT rating FROM message_feedback WHERE conversation_id = $1 AND seq = $2',
          [conversationId, seq],
        );
        return rows[0]?.rating === 'up';
      },
      'the stored feedback',
      LONG,
    );
  });

  it('shows the same history after a reload (the conversation survives page loads)', async () => {
    const before = await storedSeqs(frame);
    expect(before.length).toBeGreaterThanOrEqual(2);
    await page.reload();
    // The panel was open: it opens again on the next page of the site, and the history is replayed.
    frame = await waitForChatFrame(page);
    await waitFor(
      async () => (await storedSeqs(frame)).length >= before.length,
      'the replayed history',
      LONG,
    );
    expect(await storedSeqs(frame)).toEqual(before);
    expect(await frame.locator('.msg-citizen').filter({ hasText: 'cum îmi fac buletinul?' }).count()).toBe(1);
  });

  it('queues what is typed offline and delivers it exactly once when back online', async () => {
    const conversationId = await conversationIdOf(frame);
    const pending = frame.locator('.msg-pending[data-state="queued"]').filter({ hasText: 'și cât costă?' });
    await browser.context.setOffline(true);
    try {
      await frame
        .locator('.banner-connection[data-state="offline"]')
        .waitFor({ state: 'visible', timeout: LONG });
      await frame.locator('#chat-input').fill('și cât costă?');
      await frame.locator('#chat-input').press('Enter');
      await pending.waitFor({ state: 'visible', timeout: LONG });
      const outbox = await frame.evaluate(() => localStorage.getItem('antonia:outbox'));
      expect(JSON.parse(outbox ?? '[]')).toEqual([
        expect.objectContaining({ kind: 'message', text: 'și cât costă?' }),
      ]);
    } finally {
      await browser.context.setOffline(false);
    }
    await pending.waitFor({ state: 'detached', timeout: LONG });
    const sent = frame.locator('.msg-citizen[data-seq]').filter({ hasText: 'și cât costă?' });
    await sent.waitFor({ state: 'visible', timeout: LONG });
    const sentSeq = Number(await sent.getAttribute('data-seq'));
    await frame.locator(`.msg-bot[data-seq="${sentSeq + 1}"]`).waitFor({ state: 'visible', timeout: LONG });

    expect(await sent.count()).toBe(1);
    expect(await frame.evaluate(() => localStorage.getItem('antonia:outbox'))).toBeNull();
    const stored = await testApp.app.conversations.messagesAfter(conversationId, 0);
    expect(
      stored.filter((message) => message.from === 'citizen' && message.text === 'și cât costă?'),
    ).toHaveLength(1);
    expect(await storedSeqs(frame)).toEqual(stored.map((message) => message.seq));
  });

  it('follows the same conversation in a second tab', async () => {
    const second = await browser.context.newPage();
    try {
      await second.goto(`${baseUrl}/`);
      const secondFrame = await openChat(second);
      const seqs = await storedSeqs(frame);
      await waitFor(
        async () => (await storedSeqs(secondFrame)).length === seqs.length,
        'the history in tab 2',
        LONG,
      );

      await secondFrame.locator('#chat-input').fill('Mulțumesc!');
      await secondFrame.locator('#chat-input').press('Enter');
      // Typed in the second tab, shown in the first.
      await frame
        .locator('.msg-citizen[data-seq]')
        .filter({ hasText: 'Mulțumesc!' })
        .waitFor({ state: 'visible', timeout: LONG });
    } finally {
      await second.close();
    }
  });

  it('reconnects after the service restarts (close 1012) and carries on', async () => {
    const conversationId = await conversationIdOf(frame);
    const database = testApp.testDatabase;
    await testApp.app.close();
    await frame
      .locator('.banner-connection[data-state="reconnecting"]')
      .waitFor({ state: 'visible', timeout: LONG });

    // The same database behind a new instance on the same address, as after a redeploy.
    const restarted = await buildApp(testApp.config, { database: database.database, logger: false });
    await restarted.listen({ port, host: '127.0.0.1' });
    testApp = {
      ...testApp,
      app: restarted,
      close: async () => {
        await restarted.close();
        await database.dispose();
      },
    };
    await frame.locator('.banner-connection').waitFor({ state: 'hidden', timeout: LONG });

    await frame.locator('#chat-input').fill('unde se depune cererea?');
    await frame.locator('#chat-input').press('Enter');
    // The answer is stored with the question: wait until the frame shows it too before comparing.
    await replyTo(frame, 'unde se depune cererea?');
    const stored = await restarted.conversations.messagesAfter(conversationId, 0);
    expect(await storedSeqs(frame)).toEqual(stored.map((message) => message.seq));
  });

  it('passes an axe-core audit with the chat open (frame and launcher)', async () => {
    await page.screenshot({ path: `${ARTIFACTS}/widget-desktop.png` });
    const inFrame = await axeViolations(frame, 'document');
    expect(describeViolations(inFrame)).toBe('');
    const onHost = await axeViolations(page.mainFrame(), 'antonia-widget');
    expect(describeViolations(onHost)).toBe('');
  });

  it('closes on Escape and gives focus back to the launcher', async () => {
    await frame.locator('#chat-input').focus();
    await page.keyboard.press('Escape');
    await page.locator('antonia-widget .panel').waitFor({ state: 'hidden', timeout: LONG });
    await waitFor(
      async () => (await focusedOnHost(page)).startsWith('widget:button.launcher'),
      'focus on the launcher',
      LONG,
    );
    expect(await page.locator('antonia-widget .launcher').getAttribute('aria-expanded')).toBe('false');

    // A message that arrives while the panel is closed shows on the launcher.
    await testApp.app.conversations.append(await conversationIdOf(frame), [
      { from: 'system', text: 'Un mesaj nou de la primărie.', lang: 'ro' },
    ]);
    await page
      .locator('antonia-widget .badge')
      .filter({ hasText: '1' })
      .waitFor({ state: 'visible', timeout: LONG });
    expect(await page.locator('antonia-widget .launcher').textContent()).toContain('1 mesaj nou');

    await page.keyboard.press('Enter');
    await page.locator('antonia-widget .panel').waitFor({ state: 'visible', timeout: LONG });
    await waitFor(
      () => frame.evaluate(() => document.hasFocus() && document.activeElement?.id === 'chat-input'),
      'focus back in the composer',
      LONG,
    );
    expect(await page.locator('antonia-widget .badge').isVisible()).toBe(false);
  });

  it('is full screen on a 360 px phone and at 200 % zoom, without horizontal scrolling', async () => {
    for (const viewport of [
      { width: 360, height: 740, name: 'widget-360.png' },
      // 1280×860 at 200 % zoom is a 640×430 CSS-pixel viewport.
      { width: 640, height: 430, name: 'widget-zoom-200.png' },
    ]) {
      const phone = await browser.context.newPage();
      try {
        await phone.setViewportSize({ width: viewport.width, height: viewport.height });
        await phone.goto(`${baseUrl}/`);
        const phoneFrame = await openChat(phone);
        await waitFor(async () => (await storedSeqs(phoneFrame)).length > 4, 'the history', LONG);
        await panelSettled(phone);
        const box = await phone.locator('antonia-widget iframe').boundingBox();
        expect(box).toEqual({ x: 0, y: 0, width: viewport.width, height: viewport.height });
        expect(await phone.locator('antonia-widget .launcher').isVisible()).toBe(false);
        const overflow = await phoneFrame.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow).toBeLessThanOrEqual(0);
        await phone.screenshot({ path: `${ARTIFACTS}/${viewport.name}` });
      } finally {
        await phone.close();
      }
    }
  });

  it('is not affected by hostile host-page styles, and honours the data- attributes', async () => {
    const hostile = await browser.context.newPage();
    try {
      await hostile.goto(`${baseUrl}/widget/test`);
      const launcher = hostile.locator('antonia-widget .launcher');
      await launcher.waitFor({ state: 'visible', timeout: LONG });
      expect(await launcher.textContent()).toContain('Ask City Hall');
      const look = await launcher.evaluate((element) => {
        const style = getComputedStyle(element);
        return {
          background: style.backgroundColor,
          colour: style.color,
          font: style.fontFamily,
          letters: style.letterSpacing,
        };
      });
      // #ffd500 asked with white text: white fails 4.5:1, so the text is dark.
      expect(look).toEqual({
        background: 'rgb(255, 213, 0)',
        colour: 'rgb(26, 26, 26)',
        font: expect.not.stringContaining('Courier'),
        letters: 'normal',
      });
      const box = await launcher.boundingBox();
      expect(box?.x).toBeLessThan(100); // data-position="left"
      const host = await hostile.evaluate(
        () => getComputedStyle(document.querySelector('antonia-widget')!).transform,
      );
      expect(host).toBe('none');

      const hostileFrame = await openChat(hostile);
      expect(await hostile.locator('antonia-widget iframe').isVisible()).toBe(true);
      expect(await hostileFrame.locator('h1').textContent()).toBe('City Hall chat');
      expect(await hostileFrame.locator('html').getAttribute('lang')).toBe('en'); // data-lang="en"
      expect(await hostileFrame.locator('.send-button').getAttribute('aria-label')).toBe('Send');

      // The citizen switches the panel to Hungarian: every UI string follows, the messages stay.
      const seqs = await storedSeqs(hostileFrame);
      await hostileFrame.locator('#chat-lang').selectOption('hu');
      expect(await hostileFrame.locator('.send-button').getAttribute('aria-label')).toBe('Küldés');
      expect(await hostileFrame.locator('label[for="chat-input"]').textContent()).toBe('Az Ön kérdése');
      expect(await hostileFrame.locator('html').getAttribute('lang')).toBe('hu');
      expect(await storedSeqs(hostileFrame)).toEqual(seqs);
    } finally {
      await hostile.close();
    }
  });

  it('shows HTML in bot and clerk messages as text, never as markup', async () => {
    const conversationId = await conversationIdOf(frame);
    const payload = '<img src=x onerror="window.__antoniaXss = 1">';
    await testApp.app.conversations.append(conversationId, [
      {
        from: 'bot',
        text: `Răspuns ${payload}`,
        lang: 'ro',
        sections: [{ title: '<b>Titlu</b>', lines: ['<script>window.__antoniaXss = 2</script>', payload] }],
        sources: [
          {
            title: '<img src=y onerror="window.__antoniaXss = 3">',
            url: 'javascript:window.__antoniaXss = 4',
          },
          { title: 'Sursă sigură', url: 'https://primariaclujnapoca.ro/' },
        ],
        suggestions: [{ label: payload, value: 'x' }],
      },
      {
        from: 'clerk',
        text: payload,
        lang: 'ro',
        authorName: '<img src=z onerror="window.__antoniaXss = 5">',
      },
    ]);
    const clerk = frame.locator('.msg-clerk').filter({ hasText: payload });
    await clerk.waitFor({ state: 'visible', timeout: LONG });

    const bot = frame.locator('.msg-bot').filter({ hasText: `Răspuns ${payload}` });
    expect(await bot.locator('.msg-text').first().textContent()).toBe(`Răspuns ${payload}`);
    expect(await bot.locator('.msg-section-title').textContent()).toBe('<b>Titlu</b>');
    expect(await bot.locator('.msg-section li').first().textContent()).toBe(
      '<script>window.__antoniaXss = 2</script>',
    );
    expect(await bot.locator('.msg-sources a').count()).toBe(1); // the javascript: link is dropped
    expect(await bot.locator('.msg-sources a').getAttribute('href')).toBe('https://primariaclujnapoca.ro/');
    expect(await frame.locator('.suggestions .chip').count()).toBe(0); // the clerk's message came last
    expect(await clerk.locator('.msg-author').textContent()).toContain('<img src=z');

    expect(await frame.locator('.log img, .log script, .log b').count()).toBe(0);
    expect(
      await frame.evaluate(() => (window as unknown as { __antoniaXss?: number }).__antoniaXss),
    ).toBeUndefined();
    expect(
      await page.evaluate(() => (window as unknown as { __antoniaXss?: number }).__antoniaXss),
    ).toBeUndefined();
  });

  it('raised no script errors on any page', () => {
    expect(pageErrors).toEqual([]);
  });
});
