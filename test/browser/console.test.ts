import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { waitFor } from '../support/wait-for.js';
import {
  addClerk,
  artifactPath,
  axeViolations,
  serveApp,
  tabTo,
  type ServedApp,
  type TestClerk,
} from './console-harness.js';

/**
 * The clerk console in Debian's Chromium against the real service on PGlite. Citizens' conversations are
 * stored and handed off through the service's own modules (the conversation store and the handoff port,
 * as the citizen channels do); the full widget-to-console flow is in handoff-flow.test.ts.
 */
describe('clerk console in Chromium', () => {
  let served: ServedApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let ana: TestClerk;
  const pageProblems: string[] = [];

  /** A citizen's conversation with one question, handed off as the dialogue does it. */
  async function waitingCitizen(question: string, procedureSlug: string | null): Promise<string> {
    const { conversations, handoff } = served.testApp.app;
    const { conversation } = await conversations.create({ lang: 'ro' });
    await conversations.append(conversation.id, [{ from: 'citizen', text: question, lang: 'ro' }]);
    const view = await handoff.request({
      conversationId: conversation.id,
      reason: 'citizen_request',
      question,
      procedureSlug,
      confidence: procedureSlug ? 0.42 : null,
      lang: 'ro',
    });
    expect(view.status).toBe('waiting');
    return conversation.id;
  }

  beforeAll(async () => {
    served = await serveApp({ LOGIN_MAX_ATTEMPTS: '3' });
    ana = await addClerk(served, {
      email: 'ana.pop@primariaclujnapoca.ro',
      name: 'Ana Pop',
      departments: ['urbanism', 'relatii-publice'],
    });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: 'ro-RO' });
    page = await context.newPage();
    page.on('pageerror', (error) => pageProblems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      // 401 (no session yet, wrong password) and 429 (locked) are answers the page expects and shows.
      const expected = /Failed to load resource: the server responded with a status of (401|429)/;
      if (message.type() === 'error' && !expected.test(message.text()))
        pageProblems.push(`console: ${message.text()}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('serves /console with a strict Content-Security-Policy and no framing', async () => {
    const response = await fetch(`${served.baseUrl}/console`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    const script = await fetch(`${served.baseUrl}/console/console.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    const again = await fetch(`${served.baseUrl}/console/console.js`, {
      headers: { 'if-none-match': script.headers.get('etag') ?? '' },
    });
    expect(again.status).toBe(304);
  });

  it('tells a clerk a wrong password, then that signing in is locked after repeated failures', async () => {
    await addClerk(served, {
      email: 'blocat@primariaclujnapoca.ro',
      name: 'Ion Blocat',
      departments: ['urbanism'],
    });
    await page.goto(`${served.baseUrl}/console`);
    const email = page.getByLabel('Adresa de e-mail');
    const password = page.getByLabel('Parola');
    const error = page.locator('#login-error');
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      await email.fill('blocat@primariaclujnapoca.ro');
      await password.fill(`gresita-${attempt}`);
      await page.getByRole('button', { name: 'Intră în consolă' }).click();
      await page.waitForFunction(
        (expected) => document.querySelector('#login-error')?.textContent === expected,
        'Adresa de e-mail sau parola nu sunt corecte.',
      );
    }
    await email.fill('blocat@primariaclujnapoca.ro');
    await password.fill('parola-de-test-lunga-2026');
    await page.getByRole('button', { name: 'Intră în consolă' }).click();
    await page.waitForFunction(() =>
      /blocată temporar/.test(document.querySelector('#login-error')?.textContent ?? ''),
    );
    expect(await error.textContent()).toMatch(/Încercați din nou peste \d+ min\./);
    expect(await page.locator('.topbar').count()).toBe(0);
  });

  it('lets a clerk sign in and claim a waiting chat with the keyboard only, then reply', async () => {
    const question = 'Am nevoie de un certificat de urbanism pentru o casă';
    const conversationId = await waitingCitizen(question, 'certificat-urbanism');

    await page.goto(`${served.baseUrl}/console`);
    await page.waitForFunction(() => document.activeElement?.id === 'login-email');
    await page.keyboard.type(ana.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(ana.password);
    await page.keyboard.press('Enter');
    await page.locator('.topbar').waitFor();

    // The chat waits in the queue of its procedure's department, with its handoff summary.
    const card = page.locator(
      `section.queue[data-department="urbanism"] li[data-conversation-id="${conversationId}"]`,
    );
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain(question);
    await expect(card.textContent()).resolves.toContain('Certificat de urbanism');
    await expect(card.textContent()).resolves.toContain('încredere 42%');
    await expect(card.textContent()).resolves.toMatch(/așteaptă de (sub 1 min|\d+ min)/);

    await tabTo(page, `li[data-conversation-id="${conversationId}"] button.button-primary`);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'composer-text');
    await page.locator('.conversation .status-with_clerk').waitFor();

    await page.keyboard.type('Bună ziua! Vă ajut eu cu certificatul de urbanism.');
    await page.keyboard.press('Enter');
    await page.locator('.transcript .msg-clerk', { hasText: 'Vă ajut eu cu certificatul' }).waitFor();
    await waitFor(async () => {
      const messages = await served.testApp.app.conversations.messagesAfter(conversationId, 0);
      return messages.some(
        (m) => m.from === 'clerk' && m.authorName === 'Ana Pop' && /Vă ajut eu/.test(m.text),
      );
    }, 'the clerk reply stored with the clerk name');
    expect(
      await page.locator('.sidebar', { hasText: 'Conversațiile mele' }).locator('.conv-link').count(),
    ).toBe(1);
  });

  it('renders what a citizen typed as text, never as markup', async () => {
    const question = 'Salut <img src=x onerror="window.__xss=1"> <b>bold</b> vreau un funcționar';
    const conversationId = await waitingCitizen(question, null);
    const card = page.locator(
      `section.queue[data-department="relatii-publice"] li[data-conversation-id="${conversationId}"]`,
    );
    await card.waitFor();
    await card.getByRole('link', { name: /Deschide conversația/ }).click();
    await page.locator('.transcript .msg-citizen', { hasText: '<img src=x' }).waitFor();
    expect(await page.locator('.conversation img, .sidebar img, .conversation b').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('.summary').textContent()).toContain('<b>bold</b>');
  });

  it('inserts a procedure summary from the knowledge base into the reply box', async () => {
    await page.locator('.sidebar .conv-link').first().click();
    await page.locator('.conversation .status-with_clerk').waitFor();
    await page.getByRole('button', { name: 'Inserează rezumatul unei proceduri…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Inserează rezumatul unei proceduri' });
    await dialog.getByLabel('Caută după denumire sau cuvânt-cheie').fill('arbori');
    // The list narrows to the matches (the dialog opens with the whole catalogue).
    await page.waitForFunction(() => {
      const titles = [...document.querySelectorAll('.procedure-results .procedure-title')].map(
        (node) => node.textContent ?? '',
      );
      return titles.length > 0 && titles.length < 10 && titles.some((title) => /arbor/i.test(title));
    });
    await dialog
      .getByRole('button', { name: /^Inserează: .*arbor/i })
      .first()
      .click();
    await dialog.waitFor({ state: 'detached' });
    // The opening words go into the reply box; the sections wait below it, editable, one box each.
    const text = await page.locator('#composer-text').inputValue();
    expect(text).toMatch(/arbor/i);
    expect(text).not.toMatch(/^- /m);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('composer-text');
    const draft = page.locator('.summary-draft');
    expect(await draft.locator('textarea').count()).toBeGreaterThan(0);
    expect(await draft.getByRole('heading').textContent()).toMatch(/arbor/i);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: artifactPath('console-summary-draft.png') });
    // A note never carries them: they are out of sight while writing one.
    await page.getByLabel('Notă internă', { exact: true }).check();
    expect(await draft.isVisible()).toBe(false);
    await page.getByLabel('Răspuns către cetățean').check();
    expect(await draft.isVisible()).toBe(true);
    await draft.getByRole('button', { name: 'Renunță la secțiuni' }).click();
    expect(await draft.isVisible()).toBe(false);
    await page.locator('#composer-text').fill('');
  });

  it('has no accessibility violations (axe-core) and saves a screenshot', async () => {
    // A realistic screen: Ana's claimed chat open, with an internal note, and someone else waiting.
    await page.getByLabel('Notă internă', { exact: true }).check();
    await page.locator('#composer-text').fill('Cetățeanul are deja extrasul de carte funciară.');
    await page.getByRole('button', { name: 'Adaugă nota' }).click();
    await page.locator('.transcript .note', { hasText: 'extrasul de carte funciară' }).waitFor();
    await page.getByLabel('Răspuns către cetățean').check();

    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: artifactPath('console.png') });

    await page.getByRole('button', { name: 'Transferă…' }).click();
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    // The sign-in page too, in a fresh context (no session).
    const guest = await browser.newContext({ viewport: { width: 1024, height: 700 } });
    try {
      const login = await guest.newPage();
      await login.goto(`${served.baseUrl}/console`);
      await login.locator('#login-email').waitFor();
      expect(await axeViolations(login)).toEqual([]);
      await login.screenshot({ path: artifactPath('console-login.png') });
    } finally {
      await guest.close();
    }
  });

  it('loses nothing when its socket drops: the citizen message sent meanwhile arrives once', async () => {
    const conversationId = await page.evaluate(() =>
      decodeURIComponent(window.location.hash.split('/').pop() ?? ''),
    );
    const { app } = served.testApp;
    for (const socket of app.websocketServer.clients) socket.terminate();
    await app.conversations.append(conversationId, [
      { from: 'citizen', text: 'Mai sunteți acolo? Am scris cât ați fost deconectată.', lang: 'ro' },
    ]);
    const resumed = page.locator('.transcript .msg-citizen', {
      hasText: 'Am scris cât ați fost deconectată',
    });
    await resumed.waitFor();
    await page.locator('.connection[data-state="online"]').waitFor();
    await app.conversations.append(conversationId, [
      { from: 'citizen', text: 'Și încă un mesaj, după reconectare.', lang: 'ro' },
    ]);
    await page.locator('.transcript .msg-citizen', { hasText: 'după reconectare' }).waitFor();
    const seqs = await page
      .locator('.transcript [data-seq]')
      .evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-seq'))));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    const stored = await app.conversations.messagesAfter(conversationId, 0);
    expect(seqs).toEqual(stored.map((message) => message.seq));
  });

  it('lists a message a citizen left, live, and lets the clerk mark it handled', async () => {
    const conversationId = await waitingCitizen(
      'Vreau să știu stadiul dosarului de urbanism',
      'certificat-urbanism',
    );
    const { ticketNumber: number } = await served.testApp.app.handoff.leaveMessage(conversationId, {
      name: 'Ioana Pop',
      contact: 'ioana.pop@example.ro',
      question: 'Vă rog să mă sunați despre dosarul de urbanism <script>alert(1)</script>',
    });
    const nav = page.getByRole('link', { name: /Mesaje lăsate/ });
    await page.waitForFunction(() => /1 noi/.test(document.querySelector('.nav-list')?.textContent ?? ''));
    await nav.click();
    const row = page.locator('tbody tr', { hasText: number });
    await row.waitFor();
    expect(await row.textContent()).toContain('<script>alert(1)</script>');
    expect(await row.textContent()).toContain('ioana.pop@example.ro');
    await row.getByRole('button', { name: `Marchează rezolvat mesajul ${number}` }).click();
    await row.waitFor({ state: 'detached' });
    await page.getByLabel('Stare').selectOption('closed');
    await page.getByRole('button', { name: 'Aplică filtrul' }).click();
    expect(await page.locator('tbody tr', { hasText: number }).textContent()).toContain(
      'rezolvat de Ana Pop',
    );
    await page.getByRole('link', { name: 'Conversații' }).click();
    await page.locator('.sidebar .conv-link').first().click();
    await page.locator('.conversation .status-with_clerk').waitFor();
  });

  it('closes a conversation with an outcome tag', async () => {
    await page.getByRole('button', { name: 'Închide…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Închide conversația' });
    await dialog.getByLabel('rezolvată').check();
    await dialog.getByRole('button', { name: 'Închide conversația' }).click();
    await page.locator('.conversation .status-closed').waitFor();
    await page.getByText('Conversația este închisă (rezultat: rezolvată).').waitFor();
    expect(await page.locator('#mine-title').textContent()).toContain('0');
  });

  it('shows supervisors the audit log and admins the accounts, and switches to English', async () => {
    const admin = await addClerk(served, {
      email: 'admin@primariaclujnapoca.ro',
      name: 'Maria Admin',
      role: 'admin',
      departments: ['relatii-publice'],
    });
    const adminContext = await browser.newContext({ viewport: { width: 1366, height: 800 } });
    try {
      const adminPage = await adminContext.newPage();
      await adminPage.goto(`${served.baseUrl}/console`);
      await adminPage.getByLabel('Adresa de e-mail').fill(admin.email);
      await adminPage.getByLabel('Parola').fill(admin.password);
      await adminPage.getByRole('button', { name: 'Intră în consolă' }).click();

      // Supervisors see every department's queue.
      await adminPage
        .locator('section.queue[data-department="relatii-publice"] li.conv-card')
        .first()
        .waitFor();

      await adminPage.getByRole('link', { name: 'Jurnal de audit' }).click();
      const claimRow = adminPage.locator('tbody tr', { hasText: 'preluare' }).first();
      await claimRow.waitFor();
      expect(await claimRow.textContent()).toContain('Ana Pop');
      await adminPage.locator('tbody tr', { hasText: 'închidere' }).first().waitFor();
      expect(await axeViolations(adminPage)).toEqual([]);
      await adminPage.screenshot({ path: artifactPath('console-audit.png') });

      await adminPage.getByRole('link', { name: 'Conturi' }).click();
      await adminPage.locator('tbody tr', { hasText: 'ana.pop@primariaclujnapoca.ro' }).waitFor();
      await adminPage.getByRole('button', { name: 'Cont nou…' }).click();
      const dialog = adminPage.getByRole('dialog', { name: 'Cont nou' });
      await dialog.getByLabel('Adresa de e-mail').fill('mihai.ionescu@primariaclujnapoca.ro');
      await dialog.getByLabel('Nume afișat (îl văd cetățenii)').fill('Mihai Ionescu');
      await dialog.getByLabel('Direcția Impozite și Taxe Locale').check();
      await dialog.getByLabel('Parola (cel puțin 12 caractere)').fill('o-parola-destul-de-lunga');
      await dialog.getByRole('button', { name: 'Creează contul' }).click();
      await adminPage.locator('tbody tr', { hasText: 'mihai.ionescu@primariaclujnapoca.ro' }).waitFor();
      const created = (await served.testApp.app.clerkConsole.accounts.list()).find(
        (c) => c.email === 'mihai.ionescu@primariaclujnapoca.ro',
      );
      expect(created).toMatchObject({ name: 'Mihai Ionescu', role: 'clerk', departments: ['taxe'] });
      expect(await axeViolations(adminPage)).toEqual([]);
      await adminPage.screenshot({ path: artifactPath('console-accounts.png') });

      await adminPage.getByRole('button', { name: 'English' }).click();
      await adminPage.getByRole('heading', { name: 'Clerk accounts' }).waitFor();
      expect(await adminPage.evaluate(() => document.documentElement.lang)).toBe('en');
      await adminPage.getByRole('link', { name: 'Conversations' }).click();
      await adminPage.getByRole('heading', { name: 'All queues' }).waitFor();
      expect(await axeViolations(adminPage)).toEqual([]);
      await adminPage.screenshot({ path: artifactPath('console-en.png') });

      await adminPage.getByRole('button', { name: 'Sign out' }).click();
      await adminPage.getByRole('heading', { name: 'Clerk console' }).waitFor();
      await adminPage.getByLabel('E-mail address').waitFor();
      const session = await adminPage.evaluate(async () => (await fetch('/api/v1/console/session')).status);
      expect(session).toBe(401);
    } finally {
      await adminContext.close();
    }
    expect(pageProblems).toEqual([]);
  });

  it('switches availability from the keyboard; an available clerk gets waiting chats automatically', async () => {
    const { app } = served.testApp;
    const waiting = (
      await app.clerkConsole.overview.queue(
        (await app.clerkConsole.accounts.list()).find((c) => c.email === ana.email)!,
      )
    ).map((item) => item.conversationId);
    expect(waiting.length).toBeGreaterThan(0);
    const toggle = page.getByRole('switch', { name: 'Disponibil pentru conversații' });
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    await toggle.focus();
    await page.keyboard.press('Space');
    await page.waitForFunction(
      () => document.querySelector('.availability .switch')?.getAttribute('aria-checked') === 'true',
    );
    expect(await page.locator('.availability-state').textContent()).toBe('Disponibil');
    // The automatic assignment gives Ana the chat that was waiting in one of her queues.
    const assigned = page.locator(`.sidebar a.conv-link[href="#/conversations/${waiting[0]}"]`);
    await assigned.waitFor();
    await page.waitForFunction(() =>
      /Vi s-a atribuit o conversație/.test(document.getElementById('announcer')?.textContent ?? ''),
    );
    await toggle.focus();
    await page.keyboard.press('Space');
    await page.waitForFunction(
      () => document.querySelector('.availability .switch')?.getAttribute('aria-checked') === 'false',
    );
    const stored = (await app.clerkConsole.accounts.list()).find((c) => c.email === ana.email);
    expect(stored?.availability).toBe('away');
    expect(pageProblems).toEqual([]);
  });

  it('transfers a conversation to a colleague of another department, with a note', async () => {
    const { app } = served.testApp;
    const mine = page.locator('.sidebar a.conv-link').first();
    const href = (await mine.getAttribute('href')) ?? '';
    const conversationId = decodeURIComponent(href.split('/').pop() ?? '');
    await mine.click();
    await page.locator('.conversation .status-with_clerk').waitFor();
    await page.getByRole('button', { name: 'Transferă…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Transferă conversația' });
    await dialog.getByLabel('Către departamentul').selectOption('taxe');
    const mihai = dialog.locator('option', { hasText: 'Mihai Ionescu' });
    await mihai.waitFor({ state: 'attached' });
    await dialog.getByLabel('Către funcționarul').selectOption((await mihai.getAttribute('value')) ?? '');
    await dialog
      .getByLabel('Notă pentru colegi (opțional, internă)')
      .fill('Întrebare despre impozit, nu despre urbanism.');
    await dialog.getByRole('button', { name: 'Transferă' }).click();
    await page.getByText('Conversația a fost transferată și nu mai este vizibilă pentru dvs.').waitFor();
    await page.locator(`.sidebar a.conv-link[href="${href}"]`).waitFor({ state: 'detached' });
    const mihaiAccount = (await app.clerkConsole.accounts.list()).find((c) => c.name === 'Mihai Ionescu');
    expect(mihaiAccount?.openChats).toBe(1);
    const conversation = await app.conversations.get(conversationId);
    expect(conversation?.status).toBe('with_clerk');
    expect(pageProblems).toEqual([]);
  });
});
