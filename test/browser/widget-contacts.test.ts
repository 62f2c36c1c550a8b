import { describe, expect, it } from '@jest/globals';
import type { Frame } from 'playwright-core';
import { artifactPath } from './console-harness.js';
import { ask, openChat, useWidgetServer } from './widget-page.js';

/** WCAG 2.5.8 (Target Size, Minimum): 24 × 24 CSS px. */
const MIN_TARGET_PX = 24;

interface ContactLinkBox {
  href: string;
  text: string;
  height: number;
  /** How far the link reaches past its message bubble's right edge (≤ 0: inside). */
  overhang: number;
}

/** The tel:/mailto: links of an answer's sections, with every section opened, and where they sit. */
function contactLinks(frame: Frame): Promise<ContactLinkBox[]> {
  return frame.evaluate(() => {
    const answer = Array.from(document.querySelectorAll('.msg-bot')).at(-1)!;
    for (const details of Array.from(answer.querySelectorAll('details'))) {
      (details as HTMLDetailsElement).open = true;
    }
    answer.querySelector('.msg-section a')?.scrollIntoView({ block: 'center' });
    const bubble = answer.querySelector('.msg-bubble')!.getBoundingClientRect();
    return Array.from(
      answer.querySelectorAll<HTMLAnchorElement>(
        '.msg-section a[href^="tel:"], .msg-section a[href^="mailto:"]',
      ),
    ).map((link) => {
      const box = link.getBoundingClientRect();
      return {
        href: link.getAttribute('href') ?? '',
        text: link.textContent ?? '',
        height: box.height,
        overhang: box.right - bubble.right,
      };
    });
  });
}

/** Elements of the chat that are wider than they show (something would have to scroll sideways). */
function overflowing(frame: Frame): Promise<string[]> {
  return frame.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) problems.push(`page: ${root.scrollWidth} > ${root.clientWidth}`);
    for (const element of Array.from(
      document.querySelectorAll<HTMLElement>('.msg-bubble, .msg-section, .log'),
    )) {
      if (element.scrollWidth > element.clientWidth) {
        problems.push(`${element.className}: ${element.scrollWidth} > ${element.clientWidth}`);
      }
    }
    return problems;
  });
}

/**
 * Issue 11: the ID card's phone and e-mail are tappable (tel:/mailto: anchors from the section's structured
 * links, never found in text) at 320 px wide, at least 24 px tall, and the long e-mail address wraps inside
 * its link without anything overflowing sideways.
 */
describe('contacts in an answer are tappable links at 320 px', () => {
  const server = useWidgetServer();

  it("the ID card answer's phone and e-mail are tel:/mailto: anchors, ≥ 24 px tall, nothing overflowing", async () => {
    const context = await server.browser.newContext({
      viewport: { width: 320, height: 568 },
      isMobile: true,
      hasTouch: true,
      locale: 'ro-RO',
    });
    const pageErrors: string[] = [];
    try {
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.goto(`${server.baseUrl}/`);
      const frame = await openChat(page);
      // A citizen's own wording (not a dev item): where to go, then the contacts.
      await ask(frame, 'Am nevoie de buletin nou, unde mă duc?');

      const stored = (
        await server.testApp.app.conversations.messagesAfter(
          (await frame.evaluate(() => JSON.parse(localStorage.getItem('antonia:session') ?? '{}')))
            .conversationId,
          0,
        )
      ).at(-1)!;
      expect(stored).toMatchObject({ from: 'bot', procedure: 'carte-identitate' });
      const expected = stored.sections.flatMap((section) => section.links ?? []);
      expect(expected.map((link) => link.kind)).toEqual(expect.arrayContaining(['tel', 'mailto']));

      const links = await contactLinks(frame);
      await page.screenshot({ path: artifactPath('widget-contacts-320x568.png') });
      expect(links.map((link) => [link.href, link.text])).toEqual(
        expected
          .filter((link) => link.kind !== 'url')
          .map((link) => [
            `${link.kind}:${link.kind === 'tel' ? link.target.replace(/ /g, '') : link.target}`,
            link.label,
          ]),
      );
      for (const link of links) {
        expect(link.height).toBeGreaterThanOrEqual(MIN_TARGET_PX);
        expect(link.overhang).toBeLessThanOrEqual(0);
      }
      expect(await overflowing(frame)).toEqual([]);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
