import { describe, expect, it } from '@jest/globals';
import type { Frame, Page } from 'playwright-core';
import { waitFor } from '../support/wait-for.js';
import { artifactPath } from './console-harness.js';
import {
  ask,
  axeViolations,
  clippedControls,
  composerHasFocus,
  conversationIdOf,
  describeViolations,
  LONG,
  openChat,
  panelSettled,
  replyTo,
  useWidgetServer,
} from './widget-page.js';

/**
 * Issue 11's measures of the first answer on phones, in Chromium against the real app, each size in a
 * fresh browser context (a first conversation): a question about the ID card at 390 × 844, 320 × 568 and
 * 320 × 256 (1280 × 1024 at 400 % zoom, WCAG 1.4.10). The answer fits in at most 1.5 screens before
 * anything is expanded; nothing is clipped (the input fully visible and not covered); axe-core finds no
 * violation; every link (sources, tel:, mailto:) is a target of at least 24 × 24 px (WCAG 2.5.8); focus
 * stays in the input after a quick reply. A screenshot of each size goes to test-artifacts/.
 */
/**
 * `maxScreens`: at most this many screens (the frame's height) for the first answer, before expanding
 * anything. At 400 % zoom (320 × 256) the lead alone is about 280 px: the frame's short-screen layout
 * (frame.css, max-height: 450px) keeps the lead at full width and puts the collapsed sections and the
 * sources in one sideways-scrolling row under it, so the whole answer stays within 1.5 screens.
 */
const SIZES = [
  { width: 390, height: 844, name: '390x844', maxScreens: 1.5 },
  { width: 320, height: 568, name: '320x568', maxScreens: 1.5 },
  { width: 320, height: 256, name: '320x256-zoom-400', maxScreens: 1.5 },
];
/** WCAG 2.5.8 (Target Size, Minimum): 24 × 24 CSS px. */
const MIN_TARGET_PX = 24;

/** The issue's own example of a first question about the ID card (also the handoff flow's; not a dev item). */
const QUESTION = 'Cum îmi fac buletinul?';

/**
 * Every link in the messages, with everything expanded (sections, sources), that is smaller than a
 * 24 × 24 target or not a link a phone can follow (http(s), tel:, mailto:).
 */
function smallLinks(frame: Frame): Promise<string[]> {
  return frame.evaluate((minimum) => {
    for (const details of Array.from(document.querySelectorAll('.log details'))) {
      (details as HTMLDetailsElement).open = true;
    }
    const problems: string[] = [];
    const links = Array.from(document.querySelectorAll<HTMLAnchorElement>('.log a'));
    for (const link of links) {
      link.scrollIntoView({ block: 'center' });
      const box = link.getBoundingClientRect();
      if (!/^(https?:|tel:|mailto:)/.test(link.href)) problems.push(`${link.href}: not followable`);
      if (box.width < minimum || box.height < minimum) {
        problems.push(`${link.textContent?.trim()}: ${Math.round(box.width)} × ${Math.round(box.height)}`);
      }
    }
    if (links.length === 0) problems.push('no link at all (the sources should be links)');
    for (const details of Array.from(document.querySelectorAll('.log details'))) {
      (details as HTMLDetailsElement).open = false;
    }
    return problems;
  }, MIN_TARGET_PX);
}

describe('the first answer about the ID card on phones', () => {
  const server = useWidgetServer();
  const pageErrors: string[] = [];

  for (const size of SIZES) {
    it(`at ${size.width} × ${size.height}: fits 1.5 screens, nothing clipped, axe clean, links tappable, focus kept`, async () => {
      const context = await server.browser.newContext({
        viewport: { width: size.width, height: size.height },
        isMobile: true,
        hasTouch: true,
        locale: 'ro-RO',
      });
      try {
        const page: Page = await context.newPage();
        page.on('pageerror', (error) => pageErrors.push(`${size.name}: ${error.message}`));
        await page.goto(`${server.baseUrl}/`);
        const frame = await openChat(page);
        await panelSettled(page);

        const answer = await ask(frame, QUESTION);
        const stored = await server.testApp.app.conversations.messagesAfter(await conversationIdOf(frame), 0);
        expect(stored.at(-1)).toMatchObject({ from: 'bot', procedure: 'carte-identitate' });

        // Before expanding: the overview's sections are closed, and the whole answer is within 1.5 screens.
        expect(await answer.locator('details.msg-section:not([open])').count()).toBeGreaterThanOrEqual(3);
        const screen = await frame.evaluate(() => window.innerHeight);
        const height = (await answer.boundingBox())!.height;
        console.log(
          `${size.width} × ${size.height}: the first answer is ${Math.round(height)} px, ${(height / screen).toFixed(2)} screens`,
        );
        if (size.maxScreens !== null) expect(height / screen).toBeLessThanOrEqual(size.maxScreens);

        await answer.evaluate((item) => item.scrollIntoView({ block: 'start' }));
        await page.screenshot({ path: artifactPath(`widget-first-answer-${size.name}.png`) });
        expect(await clippedControls(frame, ['#chat-input', '.send-button'])).toEqual([]);
        expect(describeViolations(await axeViolations(frame, 'document'))).toBe('');
        expect(await smallLinks(frame)).toEqual([]);

        // A quick reply: tapped, the next answer comes and the input keeps the focus. The overview shows
        // every facet (its only quick reply is a clerk); a follow-up offers the facets it did not show.
        await ask(frame, 'și cât costă?');
        await frame.locator('#chat-input').focus();
        const chip = frame.locator('.suggestions .chip').first();
        await chip.waitFor({ state: 'visible', timeout: LONG });
        const label = (await chip.textContent())!.trim();
        await chip.click();
        await waitFor(() => composerHasFocus(frame), 'focus in the input after a quick reply', LONG);
        await replyTo(frame, label);
        expect(await composerHasFocus(frame)).toBe(true);
        expect(await clippedControls(frame, ['#chat-input', '.send-button'])).toEqual([]);
        expect(await smallLinks(frame)).toEqual([]);
        await page.screenshot({ path: artifactPath(`widget-follow-up-${size.name}.png`) });
      } finally {
        await context.close();
      }
    });
  }

  it('raised no script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
