import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { composeAnswer } from '../../src/dialogue/answers/compose-answer.js';
import { REPLIES, SECTION_TITLES } from '../../src/dialogue/canned-replies.js';
import { summarizeProcedure } from '../../src/handoff/procedure-summary.js';
import { MessageResponseSchema, ProcedureSummarySchema } from '../../src/protocol/console-api.js';
import { layoutAnswer } from '../../src/widget/frame/answer-blocks.js';
import { buildTestApp, type TestApp } from '../support/build-test-app.js';
import { BACKENDS } from '../support/test-databases.js';
import { addAndLogin, asClerk, handedOff } from '../channels/console/console-helpers.js';
import { procedure } from '../support/knowledge-base.js';

const titles = (sections: Array<{ title: string }>) => sections.map((section) => section.title);

describe('the procedure summary a clerk inserts', () => {
  it('is trimmed to the facet the citizen asked about, as the dialogue would answer it', () => {
    const idCard = procedure('carte-identitate');
    const fees = summarizeProcedure(idCard, 'ro', 'Bună ziua, cât costă un buletin nou?');
    expect(titles(fees.sections)).toEqual([SECTION_TITLES.fees.ro]);
    expect(fees.facets).toEqual(['fees']);
    // The same sections the dialogue composes for that facet: one code path, no copy.
    expect(fees.sections).toEqual(composeAnswer(idCard, ['fees'], 'ro', { overviewListLines: 5 }).sections);

    const where = summarizeProcedure(idCard, 'en', 'Where do I have to go for my ID card?');
    // The where section, then its notes folded under it.
    expect(titles(where.sections)).toEqual([SECTION_TITLES.where.en, REPLIES.moreDetails.en]);
    expect(where.lead.length).toBeGreaterThan(0);
    expect(where.text.startsWith(where.lead)).toBe(true);
  });

  it('is the short overview when the question names no facet, far shorter than the whole file', () => {
    const idCard = procedure('carte-identitate');
    const overview = summarizeProcedure(idCard, 'hu', 'Segítsen, kérem, a személyi igazolvánnyal');
    expect(overview.facets).toEqual([]);
    expect(overview.sections.length).toBeGreaterThanOrEqual(3);
    expect(overview.lead.length).toBeLessThanOrEqual(620);
    expect(overview.sources).toEqual(idCard.sources.map(({ title, url }) => ({ title, url })));
    expect(ProcedureSummarySchema.safeParse(overview).success).toBe(true);
  });

  it('is laid out by the widget as an answer: the text repeats no section and the sources are links', () => {
    const summary = summarizeProcedure(procedure('carte-identitate'), 'ro', 'ce acte trebuie?');
    const layout = layoutAnswer({ text: summary.text, sections: summary.sections, sources: summary.sources });
    expect(layout.blocks.filter((block) => block.kind === 'section')).toHaveLength(summary.sections.length);
    expect(layout.blocks.filter((block) => block.kind === 'paragraph')).toEqual([
      { kind: 'paragraph', text: summary.lead },
    ]);
    expect(layout.sourcesHeading).not.toBeNull();
  });
});

describe.each(BACKENDS)('a clerk reply carrying an inserted summary (API, %s)', (backend) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await buildTestApp(backend, { HANDOFF_OFFICE_HOURS: 'always' });
  });
  afterAll(async () => testApp?.close());

  it('trims the summary to the handoff question and sends it as sections with the procedure sources', async () => {
    const { app } = testApp;
    const question = 'și cât costă certificatul de urbanism?';
    const { conversationId } = await handedOff(app, { question, procedureSlug: 'certificat-urbanism' });
    const ana = await addAndLogin(app);
    expect(
      (await asClerk(app, ana, 'POST', `/api/v1/console/conversations/${conversationId}/claim`)).statusCode,
    ).toBe(200);

    const response = await asClerk(
      app,
      ana,
      'GET',
      `/api/v1/console/procedures/certificat-urbanism/summary?lang=ro&question=${encodeURIComponent(question)}`,
    );
    expect(response.statusCode).toBe(200);
    const summary = ProcedureSummarySchema.parse(response.json());
    expect(titles(summary.sections)).toEqual([SECTION_TITLES.fees.ro]);

    // The clerk edits a line before sending; the sources are the knowledge base's, whatever is posted.
    const sections = [
      { title: summary.sections[0].title, lines: [...summary.sections[0].lines, 'Plata se face la ghișeu.'] },
    ];
    const sent = await asClerk(app, ana, 'POST', `/api/v1/console/conversations/${conversationId}/messages`, {
      text: `Bună ziua! ${summary.lead}`,
      clientMsgId: 'insert-1',
      answer: { procedure: 'certificat-urbanism', sections },
    });
    expect(sent.statusCode).toBe(201);
    const { message } = MessageResponseSchema.parse(sent.json());
    const source = procedure('certificat-urbanism');
    expect(message).toMatchObject({ from: 'clerk', procedure: 'certificat-urbanism', sections });
    expect(message.sources).toEqual(source.sources.map(({ title, url }) => ({ title, url })));
    // Text-only channels get the same answer as plain text, opening with the clerk's words.
    expect(message.text.startsWith(`Bună ziua! ${summary.lead}`)).toBe(true);
    expect(message.text).toContain('- Plata se face la ghișeu.');
    expect(message.text).toContain(source.sources[0].url);
    const stored = await app.conversations.messagesAfter(conversationId, 0);
    expect(stored.at(-1)).toEqual(message);

    const refused = await Promise.all(
      [
        { procedure: 'nu-exista', sections },
        { procedure: 'certificat-urbanism', sections: [] },
        { procedure: 'certificat-urbanism', sections: [{ title: 'Taxe', lines: ['a\u0000b'] }] },
      ].map((answer) =>
        asClerk(app, ana, 'POST', `/api/v1/console/conversations/${conversationId}/messages`, {
          text: 'x',
          answer,
        }),
      ),
    );
    expect(refused.map((result) => result.statusCode)).toEqual([400, 400, 400]);
  });
});
