import { describe, expect, it } from '@jest/globals';
import { createIntentMatcher, loadIntents } from '../../../src/dialogue/intents/index.js';
import type { Lang } from '../../../src/language.js';
import { loadKnowledgeBase } from '../../../src/knowledge/ingest/load-knowledge-base.js';
import { fromProjectRoot } from '../../../src/project-root.js';
import {
  GENERALISATION_INTENTS,
  GENERALISATION_MIXED,
  GENERALISATION_PROCEDURES,
  HANDOFF_WITH_TOPIC,
  HELD_OUT_INTENTS,
  HELD_OUT_PROCEDURES,
  MIXED_MESSAGES,
  PROCEDURE_QUESTIONS,
  STANDALONE_INTENTS,
  type PhraseCase,
} from './intent-phrases.js';

const intents = loadIntents();
const matcher = createIntentMatcher(intents);

describe.each(Object.entries(STANDALONE_INTENTS))('intent %s', (intent, cases) => {
  it.each(cases)('recognises "%s" (%s) as the whole message', (text, lang) => {
    expect(matcher.match(text, lang)).toEqual(expect.objectContaining({ intent, standalone: true }));
  });

  it.each(cases)('recognises "%s" without knowing the language', (text) => {
    expect(matcher.match(text)?.intent).toBe(intent);
  });
});

describe('a message that is an intent and a question', () => {
  it.each(MIXED_MESSAGES)('"%s" (%s) is %s but must be answered as a question', (text, lang, intent) => {
    expect(matcher.match(text, lang)).toEqual(expect.objectContaining({ intent, standalone: false }));
  });

  it('scores the intent by the share of the message it explains', () => {
    expect(matcher.match('Bună ziua!', 'ro')?.score).toBe(1);
    const mixed = matcher.match('Bună ziua, cum îmi fac buletinul?', 'ro');
    expect(mixed?.score).toBeGreaterThan(0);
    expect(mixed?.score).toBeLessThan(0.5);
  });

  it('still answers the question when there is no comma after the greeting', () => {
    expect(matcher.match('salut cum fac buletinul', 'ro')).toEqual({
      intent: 'greeting',
      score: expect.any(Number),
      standalone: false,
      asksQuestion: true,
      unexplained: ['cum', 'fac', 'buletinul'],
      question: 'cum fac buletinul',
    });
    expect(matcher.match('cat costa pasaportul mersi', 'ro')).toEqual(
      expect.objectContaining({ intent: 'thanks', standalone: false }),
    );
  });
});

describe('small talk about a city-hall word', () => {
  it('is left to procedure retrieval: only a clerk request outweighs a topic', () => {
    // "primărie" could be a topic: the conservative choice is to let retrieval decide (it declines).
    expect(matcher.match('Scrie-mi o poezie despre primărie', 'ro')).toEqual(
      expect.objectContaining({ intent: 'chit-chat', standalone: false }),
    );
    // the city's own name is no topic
    expect(matcher.match('Write me a poem about Cluj', 'en')).toEqual(
      expect.objectContaining({ intent: 'chit-chat', standalone: true }),
    );
  });
});

describe('a request for a clerk', () => {
  it.each(HANDOFF_WITH_TOPIC)('"%s" (%s) goes to a clerk, the rest is the topic', (text, lang) => {
    expect(matcher.match(text, lang)).toEqual(
      expect.objectContaining({ intent: 'human-handoff', standalone: true }),
    );
  });

  it('wins over a yes, a no or a greeting in the same message', () => {
    expect(matcher.match('da, vreau un operator', 'ro')?.intent).toBe('human-handoff');
    expect(matcher.match('nu, vreau să vorbesc cu un om', 'ro')?.intent).toBe('human-handoff');
    expect(matcher.match('hello I want to talk to a human', 'en')).toEqual(
      expect.objectContaining({ intent: 'human-handoff', standalone: true }),
    );
  });

  it('is not heard in a lone "operator" or "om" inside a question', () => {
    expect(matcher.match('operator economic, ce autorizatie imi trebuie?', 'ro')).toBeUndefined();
    expect(matcher.match('Un om poate avea două domicilii?', 'ro')).toBeUndefined();
    expect(matcher.match('operator, cat costa buletinul?', 'ro')).toEqual(
      expect.objectContaining({ intent: 'human-handoff', standalone: false }),
    );
  });
});

describe('procedure questions', () => {
  it.each(PROCEDURE_QUESTIONS)('"%s" (%s) matches no intent', (text, lang) => {
    expect(matcher.match(text, lang)).toBeUndefined();
    expect(matcher.match(text)).toBeUndefined();
  });

  it('a complaint TO the city hall is the petition procedure, not feedback about ANTONIA', () => {
    expect(matcher.match('cum fac o reclamație la primărie?', 'ro')).toBeUndefined();
    expect(matcher.match('I have a complaint about this chat', 'en')?.intent).toBe('complaint');
    expect(matcher.match('am o reclamatie despre chatbot', 'ro')?.intent).toBe('complaint');
  });
});

describe('typing slips', () => {
  it.each<[string, Lang, string]>([
    ['multumeesc', 'ro', 'thanks'],
    ['mulțumsc frumos', 'ro', 'thanks'],
    ['vreau sa vorbesc cu un funtionar', 'ro', 'human-handoff'],
    ['thnaks', 'en', 'thanks'],
    ['goodbey', 'en', 'goodbye'],
    ['koszonom szepen', 'hu', 'thanks'],
    ['viszontlatasra', 'hu', 'goodbye'],
  ])('"%s" (%s) is still %s', (text, lang, intent) => {
    expect(matcher.match(text, lang)?.intent).toBe(intent);
  });

  it('tolerates slips only in longer words: "nu" and "na", "am" and "ai" stay different', () => {
    expect(matcher.match('na', 'ro')).toBeUndefined();
    expect(matcher.match('nu am inteles intrebarea ta', 'ro')).toBeUndefined();
    expect(matcher.match('nu ai inteles intrebarea', 'ro')?.intent).toBe('complaint');
  });

  it("tolerates slips only against the examples of the message's language", () => {
    expect(matcher.match('multumeesc', 'ro')?.intent).toBe('thanks');
    expect(matcher.match('multumeesc', 'hu')).toBeUndefined();
    // exact words are recognised in any language: Cluj's citizens mix them
    expect(matcher.match('mersi', 'hu')?.intent).toBe('thanks');
  });
});

describe('edge cases', () => {
  it('finds nothing in empty, blank or punctuation-only text', () => {
    expect(matcher.match('')).toBeUndefined();
    expect(matcher.match('   ')).toBeUndefined();
    expect(matcher.match('?!...')).toBeUndefined();
  });

  it('finds nothing in politeness alone', () => {
    expect(matcher.match('vă rog', 'ro')).toBeUndefined();
    expect(matcher.match('please', 'en')).toBeUndefined();
  });

  it('handles a long message without an intent', () => {
    const long = 'Vreau să știu ce acte trebuie pentru autorizația de construire. '.repeat(30);
    expect(matcher.match(long, 'ro')).toBeUndefined();
  });

  it('reports the most important of several intents', () => {
    expect(matcher.match('nu, mersi', 'ro')?.intent).toBe('deny');
    expect(matcher.match('da, mersi', 'ro')?.intent).toBe('affirm');
    expect(matcher.match('mersi, la revedere', 'ro')?.intent).toBe('goodbye');
    expect(matcher.match('salut, ce poti face?', 'ro')?.intent).toBe('help');
    expect(matcher.match('nu m-ai ajutat, vreau un om', 'ro')?.intent).toBe('human-handoff');
  });
});

/**
 * Phrasings written after the intent files were tuned (see intent-phrases.ts). Floors, not per-case
 * expectations: these sets measure how the matcher generalises, and a drop means a change hurt it.
 */
describe('phrasings the intent files were not written for', () => {
  const recognised = (cases: Array<[string, PhraseCase[1], string]>): number =>
    cases.filter(([text, lang, intent]) => {
      const found = matcher.match(text, lang);
      return found?.intent === intent && found.standalone;
    }).length / cases.length;

  it('recognises at least 90% of the second set and of the held-out set', () => {
    expect(recognised(GENERALISATION_INTENTS)).toBeGreaterThanOrEqual(0.9);
    expect(recognised(HELD_OUT_INTENTS)).toBeGreaterThanOrEqual(0.9);
  });

  it('answers every mixed message as a question', () => {
    for (const [text, lang] of GENERALISATION_MIXED) {
      expect(matcher.match(text, lang)).toEqual(expect.objectContaining({ standalone: false }));
    }
  });

  it('never takes one of their procedure questions for an intent on its own', () => {
    for (const [text, lang] of [...GENERALISATION_PROCEDURES, ...HELD_OUT_PROCEDURES]) {
      expect(matcher.match(text, lang)?.standalone ?? false).toBe(false);
    }
  });
});

/**
 * The knowledge base's example questions (written by other people, for retrieval) are a large set of
 * real procedure questions this matcher was not written against: none may be taken for an intent on
 * its own, and almost none may match one at all.
 */
describe('the knowledge base example questions', () => {
  const { procedures } = loadKnowledgeBase(fromProjectRoot('knowledge-base'));
  const questions = procedures.flatMap((procedure) =>
    (['ro', 'en', 'hu'] as const).flatMap((lang) =>
      procedure.examples[lang].map((text): PhraseCase => [text, lang]),
    ),
  );

  it('are never a standalone intent', () => {
    expect(questions.length).toBeGreaterThan(100);
    const standalone = questions.filter(([text, lang]) => matcher.match(text, lang)?.standalone);
    expect(standalone).toEqual([]);
  });

  it('almost never contain an intent phrase (at most 2%)', () => {
    const matched = questions.filter(([text, lang]) => matcher.match(text, lang) !== undefined);
    expect(matched.length / questions.length).toBeLessThanOrEqual(0.02);
  });
});

describe('leisure recommendations are outside the City Hall, opening a restaurant is a procedure', () => {
  it.each([
    ['Care e cel mai bun restaurant din Cluj?', 'ro'],
    ['which is the best hotel in Cluj?', 'en'],
    ['Hol van a legjobb bár Kolozsváron?', 'hu'],
  ] as Array<[string, Lang]>)('"%s" is outside-city-hall', (text, lang) => {
    expect(matcher.match(text, lang)).toEqual(
      expect.objectContaining({ intent: 'outside-city-hall', standalone: true }),
    );
  });

  // A frame around a trade or a place: the words inside it are what is wanted, kept for the dialogue.
  it.each([
    ['știți un electrician de încredere?', 'ro', ['electrician', 'incredere']],
    ['could you recommend a tiler for the bathroom?', 'en', ['tiler', 'bathroom']],
    ['ismersz egy jó kárpitost?', 'hu', ['karpitost']],
  ] as Array<[string, Lang, string[]]>)(
    '"%s" frames a request outside the City Hall',
    (text, lang, words) => {
      expect(matcher.match(text, lang)).toEqual(
        expect.objectContaining({ intent: 'outside-city-hall', standalone: false, unexplained: words }),
      );
    },
  );

  it.each([
    ['ce acte trebuie pentru a deschide un restaurant?', 'ro'],
    ['do I need a permit for my restaurant terrace?', 'en'],
    // "ce se întâmplă dacă…" asks what follows a missed step; the news frame needs its time or place.
    ['ce se întâmplă dacă nu plătesc la timp?', 'ro'],
    ['ce se intampla daca depun cererea mai tarziu', 'ro'],
  ] as Array<[string, Lang]>)('"%s" is left to procedure retrieval', (text, lang) => {
    expect(matcher.match(text, lang)).toBeUndefined();
  });
});
