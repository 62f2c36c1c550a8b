import { describe, expect, it } from '@jest/globals';
import { HANDOFF_REQUEST_ACTION } from '../../src/dialogue/citizen-action.js';
import { useDialogueApp } from './support/dialogue-app.js';
import { BACKENDS } from '../support/test-databases.js';
import { given, then, type Turn } from './support/transcript.js';

/**
 * Passage-level answers through the real service (REST API, knowledge base ingested, real retrieval):
 * a precise question gets the file's own sentence first, cited, with the whole procedure and a clerk
 * offered; a precise question the file does not answer gets "not in the file" and a clerk, never an
 * unrelated section.
 */
const QUOTED = { ro: 'Din fișa procedurii', en: 'From the procedure file', hu: 'Az eljárás leírásából' };

describe.each(BACKENDS)('passage-level answers on %s', (backend) => {
  const testApp = useDialogueApp(backend);

  const leadsWithQuote = (turn: Turn, fact: RegExp) => {
    const reply = turn.reply!;
    const [first] = reply.sections;
    // The quote is the first section, each line a sentence of the file in quotes with its citation.
    expect(first.lines.join(' ')).toMatch(fact);
    for (const line of first.lines) expect(line).toMatch(/^„.+” \(.+\)$/);
    expect(reply.text.indexOf(first.lines[0])).toBeLessThan(reply.text.length / 2);
    expect(reply.sources.length).toBeGreaterThan(0);
    expect(reply.suggestions.map((suggestion) => suggestion.value)).toEqual([
      `procedure:${reply.procedure!}`,
      HANDOFF_REQUEST_ACTION,
    ]);
  };

  it.each([
    [
      'ro',
      'În câte exemplare depun dosarul pentru autorizația de construire?',
      'autorizatie-construire',
      /2 exemplare/,
    ],
    [
      'en',
      'How many copies of the building permit file must I submit?',
      'autorizatie-construire',
      /2 (copies|exemplare)/,
    ],
    [
      'hu',
      'Külföldön élek, hogyan írathatom át a külföldi anyakönyvi kivonatot?',
      'transcriere-act-strainatate',
      /konzulátus/,
    ],
  ] as const)(
    'leads a %s answer with the sentence that states the detail: %s',
    async (lang, question, slug, fact) => {
      const citizen = await given.aCitizen(testApp.app, lang);
      const turn = await citizen.says(question);
      then(turn).answers(slug).inLanguage(lang);
      leadsWithQuote(turn, fact);
      expect(turn.meta?.shown).toEqual(expect.arrayContaining(['passage']));
    },
  );

  it('answers a validity question the facet states with that facet, not a quote about something else', async () => {
    const citizen = await given.aCitizen(testApp.app, 'hu');
    const turn = await citizen.says('Meddig érvényes a házasság előtti orvosi igazolás?');
    then(turn).answers('casatorie').inLanguage('hu');
    expect(turn.reply!.text).toMatch(/14 napig érvényes/);
  });

  it('quotes the body sentence that answers a validity question the facet shown does not', async () => {
    const citizen = await given.aCitizen(testApp.app, 'en');
    // The validity facet says how long a new card lasts; the end of the old model is in the body.
    const turn = await citizen.says('How long are the old-model disabled parking cards valid?');
    then(turn).answers('card-parcare-persoane-dizabilitati').inLanguage('en');
    leadsWithQuote(turn, /30 iunie 2024/);
  });

  it.each([
    ['ro', 'Pot trimite prin poștă actele pentru buletin nou?', /nu găsesc/],
    ['en', 'Can I send the ID card application by post?', /cannot find/],
    ['hu', 'Elküldhetem postán a személyi igazolvány igénylését?', /nem találok/],
  ] as const)(
    'says in %s that the file does not answer a detail it lacks, and offers a clerk: %s',
    async (lang, question, notFound) => {
      const citizen = await given.aCitizen(testApp.app, lang);
      const turn = await citizen.says(question);
      then(turn).answers('carte-identitate');
      const reply = turn.reply!;
      expect(reply.text).toMatch(notFound);
      // No unrelated section in its place: no quote and no overview, at most the facet the question named.
      expect(reply.sections.map((section) => section.title)).not.toContain(QUOTED[lang]);
      expect(reply.sections.length).toBeLessThanOrEqual(1);
      expect(reply.suggestions.map((suggestion) => suggestion.value)).toContain(HANDOFF_REQUEST_ACTION);
      expect((turn.meta?.shown as string[])[0]).toBe('not_found');
    },
  );

  it('still declines a question about something else that carries a detail word', async () => {
    const citizen = await given.aCitizen(testApp.app, 'ro');
    then(await citizen.says('Cât de recent trebuie să fie horoscopul zodiei mele?')).hasStatus(
      'declined_out_of_scope',
    );
  });

  it('answers a question whose detail words alone made it look out of scope', async () => {
    const citizen = await given.aCitizen(testApp.app, 'hu');
    // "példányban", "beadni", "dossziéját" weigh against the building permit; without them it is clear.
    const turn = await citizen.says('Hány példányban kell beadni az építési engedély dossziéját?');
    then(turn).answers('autorizatie-construire');
    leadsWithQuote(turn, /2 (exemplare|példány)/);
  });
});
