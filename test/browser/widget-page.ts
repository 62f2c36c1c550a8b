import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from '@jest/globals';
import type { Browser, Frame, Locator, Page } from 'playwright-core';
import { fromProjectRoot } from '../../src/project-root.js';
import { launchChromium } from '../support/browser.js';
import { buildTestApp, type TestApp } from '../support/build-test-app.js';
import { waitFor } from '../support/wait-for.js';
import { buildBrowserBundles } from './widget-bundles.js';

const AXE_SOURCE = readFileSync(fromProjectRoot('node_modules/axe-core/axe.min.js'), 'utf8');

/** Generous: two cores shared by several test suites and a headless browser. */
export const LONG = 60_000;

/** What a widget suite works with; the fields are set in the suite's beforeAll. */
export interface WidgetServer {
  testApp: TestApp;
  /** The listening app's http://127.0.0.1:<port>. */
  baseUrl: string;
  browser: Browser;
}

/**
 * The real app on PGlite, listening on a free port, with fresh browser bundles and one Chromium, for the
 * enclosing describe block: registers its own beforeAll/afterAll, so a suite states only what it tests.
 */
export function useWidgetServer(): WidgetServer {
  const server = {} as WidgetServer;
  beforeAll(async () => {
    buildBrowserBundles();
    server.testApp = await buildTestApp('pglite');
    await server.testApp.app.listen({ port: 0, host: '127.0.0.1' });
    server.baseUrl = `http://127.0.0.1:${(server.testApp.app.server.address() as AddressInfo).port}`;
    server.browser = await launchChromium();
  });
  afterAll(async () => {
    await server.browser?.close();
    await server.testApp?.close();
  });
  return server;
}

/** The chat frame of a page (the iframe the loader created). */
export function chatFrame(page: Page): Frame {
  const frame = page.frames().find((candidate) => new URL(candidate.url()).pathname === '/widget/frame');
  if (!frame) throw new Error('the chat frame is not loaded');
  return frame;
}

export async function waitForChatFrame(page: Page): Promise<Frame> {
  await page.locator('antonia-widget iframe').waitFor({ state: 'attached', timeout: LONG });
  await waitFor(
    () => page.frames().some((frame) => frame.url().includes('/widget/frame')),
    'the chat frame',
    LONG,
  );
  const frame = chatFrame(page);
  await frame.locator('#chat-input').waitFor({ state: 'visible', timeout: LONG });
  return frame;
}

/** Opens the chat in a tab that has not opened it yet (the open state is remembered per tab). */
export async function openChat(page: Page): Promise<Frame> {
  const launcher = page.locator('antonia-widget .launcher');
  await launcher.waitFor({ state: 'visible', timeout: LONG });
  if ((await launcher.getAttribute('aria-expanded')) !== 'true') await launcher.click();
  return waitForChatFrame(page);
}

/** Waits until the widget's panel has finished opening (its animations), so sizes are final. */
export async function panelSettled(page: Page): Promise<void> {
  await page
    .locator('antonia-widget .panel')
    .evaluate((panel) => Promise.all(panel.getAnimations().map((animation) => animation.finished)));
}

/** Whether the frame's focused element is the composer (and the frame has focus at all). */
export function composerHasFocus(frame: Frame): Promise<boolean> {
  return frame.evaluate(() => document.hasFocus() && document.activeElement?.id === 'chat-input');
}

/**
 * Controls that are outside the frame's viewport or covered by something else at their centre, plus a
 * page that scrolls sideways or a message cut at its right edge (WCAG 1.4.10): empty when all is well.
 */
export function clippedControls(frame: Frame, selectors: string[]): Promise<string[]> {
  return frame.evaluate((wanted) => {
    const problems: string[] = [];
    for (const selector of wanted) {
      const element = document.querySelector(selector);
      if (!element) {
        problems.push(`${selector}: missing`);
        continue;
      }
      const box = element.getBoundingClientRect();
      const inside =
        box.width > 0 &&
        box.height > 0 &&
        box.left >= 0 &&
        box.top >= 0 &&
        box.right <= window.innerWidth + 0.5 &&
        box.bottom <= window.innerHeight + 0.5;
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      if (!inside || hit === null || !(hit === element || element.contains(hit))) {
        problems.push(`${selector}: ${JSON.stringify(box)} covered by ${hit?.className ?? 'nothing'}`);
      }
    }
    if (document.documentElement.scrollWidth > document.documentElement.clientWidth) {
      problems.push('the page scrolls sideways');
    }
    for (const bubble of Array.from(document.querySelectorAll<HTMLElement>('.msg-bubble'))) {
      if (bubble.scrollWidth > bubble.clientWidth + 1) problems.push('a message is cut at its right edge');
    }
    return problems;
  }, selectors);
}

/** Sends a message from the composer and waits until ANTONIA's reply to it is shown. */
export async function ask(frame: Frame, text: string): Promise<Locator> {
  await frame.locator('#chat-input').fill(text);
  await frame.locator('#chat-input').press('Enter');
  return replyTo(frame, text);
}

/** The bot message right after the citizen's stored message `text` (the last one with that text), once shown. */
export async function replyTo(frame: Frame, text: string): Promise<Locator> {
  const asked = frame.locator('.msg-citizen[data-seq]').filter({ hasText: text }).last();
  await asked.waitFor({ state: 'visible', timeout: LONG });
  const seq = Number(await asked.getAttribute('data-seq'));
  const reply = frame.locator(`.msg-bot[data-seq="${seq + 1}"]`);
  await reply.waitFor({ state: 'visible', timeout: LONG });
  return reply;
}

/** The seqs of the stored messages the frame shows, in order. */
export async function storedSeqs(frame: Frame): Promise<number[]> {
  return frame.$$eval('.msg[data-seq]', (items) =>
    items.map((item) => Number(item.getAttribute('data-seq'))),
  );
}

/** The conversation the frame keeps in its origin's localStorage. */
export async function conversationIdOf(frame: Frame): Promise<string> {
  await waitFor(
    async () => (await frame.evaluate(() => localStorage.getItem('antonia:session'))) !== null,
    'a stored conversation',
    LONG,
  );
  const session = await frame.evaluate(() => localStorage.getItem('antonia:session'));
  return (JSON.parse(session ?? '{}') as { conversationId: string }).conversationId;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

/** Which element of the page has focus, seen through the widget's shadow root. */
export async function focusedOnHost(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement;
    if (active?.tagName !== 'ANTONIA-WIDGET') return active?.tagName ?? 'none';
    const inner = active.shadowRoot?.activeElement;
    return inner ? `widget:${inner.tagName.toLowerCase()}.${inner.className}` : 'widget';
  });
}

/** axe-core's violations in the frame's whole document (`'document'`) or under a CSS selector. */
export async function axeViolations(frame: Frame, context: string): Promise<AxeViolation[]> {
  // evaluate() runs through the DevTools protocol, so the frame's CSP (script-src 'self') does not
  // block it: the page under test keeps its real policy.
  await frame.evaluate(AXE_SOURCE);
  return frame.evaluate(
    async (selector) =>
      (
        await (
          window as unknown as {
            axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> };
          }
        ).axe.run(selector === 'document' ? document : { include: [[selector]] }, {
          resultTypes: ['violations'],
        })
      ).violations,
    context,
  );
}

export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help}\n  ${violation.nodes.map((node) => `${JSON.stringify(node.target)} ${node.failureSummary ?? ''}`).join('\n  ')}`,
    )
    .join('\n');
}
