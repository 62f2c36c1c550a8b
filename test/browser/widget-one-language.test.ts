import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Frame } from 'playwright-core';
import { loadKnowledgeBase } from '../../src/knowledge/ingest/load-knowledge-base.js';
import { fromProjectRoot } from '../../src/project-root.js';
import { openBrowser } from '../support/browser.js';
import { buildTestApp, type TestApp } from '../support/build-test-app.js';
import { RomanianTextFinder } from '../support/romanian-text.js';
import { buildBrowserBundles } from './widget-bundles.js';
import { ask, LONG, openChat } from './widget-page.js';

/**
 * One language per answer (issue 11), in Chromium against the real app: an English and a Hungarian
 * citizen each hold a conversation in the widget (a first question, follow-ups about the place and the
 * fee, then a second topic), and nothing in the frame is Romanian except official names in parentheses.
 * "Romanian" is what test/support/romanian-text.ts finds: the Romanian labels (section titles, canned
 * replies, widget strings), every Romanian office name of the knowledge base, and the words office names
 * are made of. Left out of the check: what the citizen typed, the language menu (each language is named
 * in itself) and the titles of the linked sources, which are the titles of Romanian-language pages.
 */
const knowledge = loadKnowledgeBase(fromProjectRoot('knowledge-base'));

const CONVERSATIONS = [
  {
    lang: 'en' as const,
    turns: [
      'How can I get a new identity card?',
      'where do I need to go for that?',
      'how much will it cost me?',
      'Another thing: where can I pay the tax on my flat?',
    ],
    // The office the answer about the place names, in English.
    office: 'Directorate for Population Records',
  },
  {
    lang: 'hu' as const,
    turns: [
      'Hogyan igényelhetek új személyi igazolványt?',
      'Hová kell mennem ezzel?',
      'Mennyibe kerül?',
      'Még valami: hol fizethetem be a lakásom utáni adót?',
    ],
    office: 'Személynyilvántartási Igazgatóság',
  },
];

/** Every text of the frame a citizen sees or hears, one entry per text node or accessible attribute. */
function frameTexts(frame: Frame): Promise<string[]> {
  return frame.evaluate(() => {
    const texts: string[] = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('.msg-citizen, option, noscript, script, style')) continue;
      if (parent.matches('.msg-sources a')) continue; // a source's title (its screen-reader hint is a span)
      const text = node.textContent?.trim();
      if (text) texts.push(text);
    }
    for (const element of Array.from(document.querySelectorAll('[aria-label], [placeholder], [title]'))) {
      if (element.closest('.msg-citizen')) continue;
      for (const name of ['aria-label', 'placeholder', 'title']) {
        const value = element.getAttribute(name);
        if (value) texts.push(value);
      }
    }
    return texts;
  });
}

describe('citizen widget: one language per answer', () => {
  let testApp: TestApp;
  let baseUrl: string;

  beforeAll(async () => {
    buildBrowserBundles();
    testApp = await buildTestApp('pglite');
    await testApp.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(testApp.app.server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await testApp?.close();
  });

  for (const conversation of CONVERSATIONS) {
    it(`shows no Romanian label or office name outside parentheses in a conversation in ${conversation.lang}`, async () => {
      // A browser of its own: a fresh conversation, started from the Romanian page.
      const browser = await openBrowser({ viewport: { width: 390, height: 844 } });
      try {
        const page = await browser.context.newPage();
        const pageErrors: string[] = [];
        page.on('pageerror', (error) => pageErrors.push(error.message));
        await page.goto(`${baseUrl}/`);
        const frame = await openChat(page);
        const replies: string[] = [];
        for (const turn of conversation.turns)
          replies.push((await (await ask(frame, turn)).innerText()).trim());
        await frame
          .locator(`html[lang="${conversation.lang}"]`)
          .waitFor({ state: 'attached', timeout: LONG });

        // The conversation really went through answers with sections, and the place in the citizen's language.
        expect(await frame.locator('.msg-bot .msg-section').count()).toBeGreaterThan(0);
        expect(replies.join('\n')).toContain(conversation.office);

        const finder = new RomanianTextFinder(conversation.lang, knowledge);
        const romanian = (await frameTexts(frame))
          .map((text) => ({ text, found: finder.find(text) }))
          .filter(({ found }) => found.length > 0)
          .map(({ text, found }) => `${found.join(', ')} in "${text}"`);
        expect(romanian).toEqual([]);
        expect(pageErrors).toEqual([]);
      } finally {
        await browser.close();
      }
    });
  }
});
