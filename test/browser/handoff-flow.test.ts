import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { waitFor } from '../support/wait-for.js';
import { addClerk, artifactPath, serveApp, type ServedApp, type TestClerk } from './console-harness.js';

/**
 * Issue 6's flow, end to end in Chromium, written as given/when/then: a citizen in the widget on the
 * demo page asks for a person; a clerk in the console (a second browser context) finds the chat in the
 * right queue, reads the transcript, claims it and replies; the citizen sees the reply and the clerk's
 * name; the clerk gives the chat back to the bot, which answers the next question.
 */
describe('handoff from the citizen widget to the clerk console and back', () => {
  let served: ServedApp;
  let browser: Browser;
  let citizen: Page;
  let clerk: Page;
  let chat: FrameLocator;
  let ana: TestClerk;
  const problems: string[] = [];

  const watch = (page: Page, who: string) => {
    page.on('pageerror', (error) => problems.push(`${who} pageerror: ${error.message}`));
  };

  /** The bot's stored answers the citizen's widget shows (text of each; the greeting has no seq). */
  const citizenBotAnswers = () => chat.locator('li.msg-bot[data-seq]').allTextContents();

  beforeAll(async () => {
    served = await serveApp();
    ana = await addClerk(served, {
      email: 'ana.pop@primariaclujnapoca.ro',
      name: 'Ana Pop',
      departments: ['evidenta-persoanelor'],
    });
    browser = await launchChromium();
    const citizenContext = await browser.newContext({
      viewport: { width: 1280, height: 860 },
      locale: 'ro-RO',
    });
    const clerkContext = await browser.newContext({
      viewport: { width: 1366, height: 860 },
      locale: 'ro-RO',
    });
    citizen = await citizenContext.newPage();
    clerk = await clerkContext.newPage();
    watch(citizen, 'citizen');
    watch(clerk, 'clerk');
  });

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('takes a citizen from the bot to a clerk and back to the bot', async () => {
    // Given a citizen on the city's page with the chat open, who asked ANTONIA a question
    await citizen.goto(`${served.baseUrl}/`);
    await citizen.getByRole('button', { name: 'Întrebați primăria' }).click();
    chat = citizen.frameLocator('iframe[title="Conversație cu ANTONIA"]');
    await chat.getByLabel('Întrebarea dumneavoastră').fill('cum îmi fac buletinul?');
    await chat.getByRole('button', { name: 'Trimite' }).click();
    // The answer has arrived when its sources line shows (the links sit behind it, one tap away).
    await chat.locator('li.msg-bot[data-seq] .msg-sources-summary').first().waitFor();
    expect(await chat.locator('li.msg-bot[data-seq] .msg-sources a').count()).toBeGreaterThan(0);

    // When the citizen asks for a person
    await chat.getByRole('button', { name: 'Vorbiți cu un funcționar' }).click();
    await chat
      .getByText(/În așteptare/)
      .first()
      .waitFor();

    // Then a clerk of that department, signed in to the console, sees the chat in the right queue
    await clerk.goto(`${served.baseUrl}/console`);
    await clerk.getByLabel('Adresa de e-mail').fill(ana.email);
    await clerk.getByLabel('Parola').fill(ana.password);
    await clerk.getByRole('button', { name: 'Intră în consolă' }).click();
    const queue = clerk.locator('section.queue[data-department="evidenta-persoanelor"]');
    const card = queue.locator('li.conv-card', { hasText: 'cum îmi fac buletinul?' });
    await card.waitFor();
    expect(await card.textContent()).toMatch(/așteaptă de/);

    // And reads the whole transcript, the bot's answer with its procedure and sources included
    await card.getByRole('link', { name: /Deschide conversația/ }).click();
    const transcript = clerk.locator('.transcript');
    await transcript.locator('.msg-citizen', { hasText: 'cum îmi fac buletinul?' }).waitFor();
    const botAnswer = transcript.locator('.msg-bot').first();
    await botAnswer.waitFor();
    expect(await botAnswer.locator('.msg-procedure').textContent()).toMatch(/Procedura folosită: .+/);
    expect(await botAnswer.locator('.msg-sources a').count()).toBeGreaterThan(0);
    expect(await clerk.locator('.summary').textContent()).toContain('cum îmi fac buletinul?');
    // Shown once, as the citizen saw it: sections as collapsible blocks, the sources as one line that
    // expands, and no copy of either in plain text ("Documente necesare:", "[1] title — url").
    const botText = (await botAnswer.textContent()) ?? '';
    expect(botText).not.toMatch(/\[1\] /);
    const sectionTitles = await botAnswer.locator('details.msg-section > summary').allTextContents();
    expect(sectionTitles.length).toBeGreaterThanOrEqual(3);
    for (const title of sectionTitles) expect(botText.split(title)).toHaveLength(2);
    expect(await botAnswer.locator('details.msg-sources').count()).toBe(1);

    // When the clerk claims it and replies
    await clerk.locator('.conversation-actions').getByRole('button', { name: 'Preia' }).click();
    await clerk.locator('.conversation .status-with_clerk').waitFor();
    await clerk
      .locator('#composer-text')
      .pressSequentially('Bună ziua, sunt Ana de la Evidența Persoanelor. Cu ce vă pot ajuta?', { delay: 5 });
    // (the citizen sees the clerk typing)
    await chat.getByText('Ana Pop scrie…').first().waitFor();
    await clerk.getByRole('button', { name: 'Trimite' }).click();

    // Then the citizen sees the reply and the clerk's name
    const reply = chat.locator('li.msg-clerk', {
      hasText: 'Bună ziua, sunt Ana de la Evidența Persoanelor.',
    });
    await reply.waitFor();
    expect(await reply.locator('.msg-author').textContent()).toContain('Ana Pop');
    await chat.getByText('Ana Pop vă răspunde').first().waitFor();

    // And the clerk sees the citizen typing and then the citizen's answer, live
    await chat
      .getByLabel('Întrebarea dumneavoastră')
      .pressSequentially('Mulțumesc, am aflat ce îmi trebuia.', { delay: 15 });
    await clerk.locator('.typing-indicator', { hasText: 'Cetățeanul scrie' }).waitFor();
    await chat.getByRole('button', { name: 'Trimite' }).click();
    await transcript.locator('.msg-citizen', { hasText: 'am aflat ce îmi trebuia' }).waitFor();

    // When the clerk inserts the summary of the procedure ANTONIA found, edits it and sends it
    await clerk.getByRole('button', { name: /^Inserează rezumatul: / }).click();
    const draft = clerk.locator('.summary-draft');
    await draft.waitFor();
    const lead = await clerk.locator('#composer-text').inputValue();
    expect(lead.length).toBeGreaterThan(0);
    expect(lead).not.toMatch(/^- /m);
    const draftTitles = await draft.locator('.summary-draft-label').allTextContents();
    expect(draftTitles.length).toBeGreaterThanOrEqual(3);
    // The clerk drops the last section and adds a line of their own to the first.
    await draft.getByRole('button', { name: `Elimină secțiunea „${draftTitles.at(-1)}”` }).click();
    const firstBox = draft.locator('textarea').first();
    await firstBox.fill(`${await firstBox.inputValue()}\nVă rog să veniți cu actele originale.`);
    await clerk.locator('#composer-text').fill(`Iată pe scurt: ${lead}`);
    await clerk.screenshot({ path: artifactPath('handoff-console-summary-draft.png') });
    await clerk.getByRole('button', { name: 'Trimite' }).click();
    await draft.waitFor({ state: 'hidden' });

    // Then the citizen receives it like an answer: sections, tappable sources, no "- " lines, no thumbs
    const summaryReply = chat.locator('li.msg-clerk', { hasText: 'Iată pe scurt' });
    await summaryReply.waitFor();
    expect(await summaryReply.locator('.msg-section-title').allTextContents()).toEqual(
      draftTitles.slice(0, -1),
    );
    expect(await summaryReply.textContent()).toContain('Vă rog să veniți cu actele originale.');
    expect(await summaryReply.textContent()).not.toMatch(/(^|\n)- /);
    expect(await summaryReply.locator('.msg-sources a').count()).toBeGreaterThan(0);
    expect(await summaryReply.locator('.feedback').count()).toBe(0);
    await summaryReply.scrollIntoViewIfNeeded();
    await citizen.screenshot({ path: artifactPath('handoff-citizen-summary.png') });
    // And the console shows it once too
    const sentInConsole = transcript.locator('.msg-clerk', { hasText: 'Iată pe scurt' });
    await sentInConsole.waitFor();
    expect(await sentInConsole.locator('.msg-section-title').allTextContents()).toEqual(
      draftTitles.slice(0, -1),
    );
    expect(await sentInConsole.textContent()).not.toMatch(/\[1\] /);
    await citizen.screenshot({ path: artifactPath('handoff-citizen.png') });
    await clerk.screenshot({ path: artifactPath('handoff-console.png') });

    // When the clerk gives the conversation back to the bot
    await clerk.getByRole('button', { name: 'Redă asistentului virtual' }).click();
    await clerk.locator('.conversation .status-bot').waitFor();
    const answersBefore = (await citizenBotAnswers()).length;

    // Then the bot answers the citizen's next question
    await chat.getByLabel('Întrebarea dumneavoastră').fill('cât costă certificatul de urbanism?');
    await chat.getByRole('button', { name: 'Trimite' }).click();
    await waitFor(
      async () => (await citizenBotAnswers()).length > answersBefore,
      'a new bot answer in the widget',
    );
    const answers = await citizenBotAnswers();
    expect(answers.at(-1)).toMatch(/urbanism/i);
    const conversationId = await clerk.evaluate(() =>
      decodeURIComponent(window.location.hash.split('/').pop() ?? ''),
    );
    const stored = await served.testApp.app.conversations.messagesAfter(conversationId, 0);
    expect(stored.at(-1)).toMatchObject({ from: 'bot', procedure: 'certificat-urbanism' });
    // And the clerk, who still has the conversation open, sees that answer arrive too
    await transcript.locator(`.msg-bot[data-seq="${stored.at(-1)!.seq}"]`).waitFor();
    expect(problems).toEqual([]);
  });
});
