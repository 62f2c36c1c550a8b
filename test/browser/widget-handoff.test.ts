import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Frame, Page } from 'playwright-core';
import type { ClerkActor } from '../../src/handoff/clerks/clerk.js';
import { GENERAL_DEPARTMENT_ID } from '../../src/knowledge/ingest/department-schema.js';
import { openBrowser, type OpenedBrowser } from '../support/browser.js';
import { buildTestApp, type TestApp } from '../support/build-test-app.js';
import type { AppConfig } from '../../src/config.js';
import { buildBrowserBundles } from './widget-bundles.js';
import { axeViolations, conversationIdOf, describeViolations, LONG, openChat } from './widget-page.js';

/**
 * The handoff as the citizen sees it in the widget, in Chromium against the real app: asking for a
 * clerk, the queue position, cancelling, the clerk's name and messages once one takes the chat, and the
 * leave-a-message form when no clerk can answer.
 */
async function startWidget(
  overrides: Partial<Record<keyof AppConfig, string>>,
): Promise<{ testApp: TestApp; browser: OpenedBrowser; page: Page; frame: Frame }> {
  const testApp = await buildTestApp('pglite', overrides);
  await testApp.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = testApp.app.server.address() as AddressInfo;
  const browser = await openBrowser({ viewport: { width: 1280, height: 860 } });
  const page = await browser.context.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  const frame = await openChat(page);
  return { testApp, browser, page, frame };
}

/** A fixed-offset time zone in which it is now between 01:00 and 04:59: every department is closed. */
function nightTimeZone(now = new Date()): string {
  for (let offset = -12; offset <= 14; offset += 1) {
    const hour = (now.getUTCHours() + offset + 24) % 24;
    if (hour >= 1 && hour <= 4)
      return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
  }
  throw new Error('no night-time zone found');
}

beforeAll(() => buildBrowserBundles());

describe('widget handoff to a clerk', () => {
  let testApp: TestApp;
  let browser: OpenedBrowser;
  let frame: Frame;

  beforeAll(async () => {
    ({ testApp, browser, frame } = await startWidget({ HANDOFF_OFFICE_HOURS: 'always' }));
  });
  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('shows the queue position, lets the citizen stop waiting, then shows the clerk who answers', async () => {
    const banner = frame.locator('.banner-handoff');
    const clerkButton = frame.getByRole('button', { name: 'Vorbiți cu un funcționar' });

    await clerkButton.click();
    await banner.filter({ hasText: 'În așteptare — poziția 1' }).waitFor({ state: 'visible', timeout: LONG });
    expect(await clerkButton.isVisible()).toBe(false);

    await frame.getByRole('button', { name: 'Renunțați' }).click();
    await banner.waitFor({ state: 'hidden', timeout: LONG });
    await clerkButton.waitFor({ state: 'visible', timeout: LONG });

    await clerkButton.click();
    await banner.filter({ hasText: 'În așteptare — poziția 1' }).waitFor({ state: 'visible', timeout: LONG });

    const { accounts, desk } = testApp.app.clerkConsole;
    const clerk = await accounts.create(
      {
        email: 'ana.m@primariaclujnapoca.ro',
        name: 'Ana M.',
        role: 'clerk',
        departments: [GENERAL_DEPARTMENT_ID],
        password: 'o parolă destul de lungă',
      },
      null,
    );
    const actor: ClerkActor = {
      id: clerk.id,
      name: clerk.name,
      role: clerk.role,
      departments: clerk.departments,
    };
    const conversationId = await conversationIdOf(frame);
    await desk.claim(actor, conversationId);
    await banner.filter({ hasText: 'Ana M. vă răspunde' }).waitFor({ state: 'visible', timeout: LONG });
    expect(await frame.getByRole('button', { name: 'Renunțați' }).isVisible()).toBe(false);

    await desk.reply(actor, conversationId, { text: 'Bună ziua, vă ajut eu.' });
    const reply = frame.locator('.msg-clerk').filter({ hasText: 'Bună ziua, vă ajut eu.' });
    await reply.waitFor({ state: 'visible', timeout: LONG });
    expect(await reply.locator('.msg-author').textContent()).toBe('Ana M. · funcționar');
    expect(await reply.locator('.feedback').count()).toBe(0); // thumbs are for ANTONIA's answers only
    expect(describeViolations(await axeViolations(frame, 'document'))).toBe('');
  });
});

describe('widget handoff outside office hours', () => {
  let testApp: TestApp;
  let browser: OpenedBrowser;
  let frame: Frame;

  beforeAll(async () => {
    ({ testApp, browser, frame } = await startWidget({
      HANDOFF_OFFICE_HOURS: 'departments',
      TIMEZONE: nightTimeZone(),
    }));
  });
  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('offers the leave-a-message form and shows the registration number', async () => {
    await frame.getByRole('button', { name: 'Vorbiți cu un funcționar' }).click();
    const form = frame.locator('.ticket-form');
    await form.waitFor({ state: 'visible', timeout: LONG });
    expect(describeViolations(await axeViolations(frame, 'document'))).toBe('');

    await frame.getByLabel('Numele').fill('Ion Popescu');
    await frame.getByLabel('E-mail sau telefon').fill('ion.popescu@example.ro');
    await frame.getByLabel('Întrebarea', { exact: true }).fill('Cum îmi schimb adresa din buletin?');
    await frame.getByRole('button', { name: 'Trimite mesajul' }).click();

    const confirmation = frame
      .locator('.banner-handoff')
      .filter({ hasText: 'Mesajul a fost înregistrat cu numărul' });
    await confirmation.waitFor({ state: 'visible', timeout: LONG });
    expect(await form.isVisible()).toBe(false);
    const conversationId = await conversationIdOf(frame);
    const view = await testApp.app.handoff.view(conversationId);
    expect(view.ticketNumber).not.toBeNull();
    expect(await confirmation.textContent()).toContain(view.ticketNumber!);
  });
});
