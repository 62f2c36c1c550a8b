import { describe, expect, it } from '@jest/globals';
import { expandAlternatives } from '../../../src/dialogue/intents/expand-alternatives.js';
import { FILLER_WORDS } from '../../../src/dialogue/intents/filler-words.js';
import { createIntentMatcher, loadIntents, type Intent } from '../../../src/dialogue/intents/index.js';
import { LANGS } from '../../../src/language.js';
import { tokenize } from '../../../src/text/normalize.js';

/** The shipped intents/*.yaml files: what the dialogue relies on, and what their authors must keep. */
const intents = loadIntents();
const byName = new Map(intents.map((intent) => [intent.name, intent]));
const matcher = createIntentMatcher(intents);

const REQUIRED = [
  'greeting',
  'thanks',
  'goodbye',
  'help',
  'human-handoff',
  'complaint',
  'abuse',
  'chit-chat',
  'outside-city-hall',
  'affirm',
  'deny',
];

describe('intents/*.yaml', () => {
  it('holds every intent the dialogue uses', () => {
    expect([...byName.keys()].sort()).toEqual([...REQUIRED].sort());
  });

  describe.each(intents.map((intent): [string, Intent] => [intent.name, intent]))('%s', (name, intent) => {
    it.each(LANGS)('has many varied examples in %s', (lang) => {
      const examples = intent.examples[lang].flatMap(expandAlternatives);
      expect(examples.length).toBeGreaterThanOrEqual(lang === 'ro' ? 15 : 10);
    });

    it('writes Romanian examples both with and without diacritics', () => {
      const romanian = intent.examples.ro;
      expect(romanian.some((example) => /[ăâîșțşţ]/i.test(example))).toBe(true);
      expect(romanian.some((example) => !/[ăâîșțşţ]/i.test(example))).toBe(true);
    });

    it.each(LANGS)('recognises every %s example as itself, typed as written', (lang) => {
      const misread = intent.examples[lang].flatMap(expandAlternatives).filter((example) => {
        const found = matcher.match(example, lang);
        return found?.intent !== name || !found.standalone;
      });
      expect(misread).toEqual([]);
    });

    it.each(LANGS)('answers in %s with 1–3 variants that state no facts', (lang) => {
      const responses = intent.responses[lang];
      expect(responses.length).toBeGreaterThanOrEqual(1);
      expect(responses.length).toBeLessThanOrEqual(3);
      for (const response of responses) {
        // no amounts, hours, dates, phone numbers, addresses, links or e-mail addresses
        expect(response).not.toMatch(/\d/);
        expect(response).not.toMatch(/\b(?:lei|ron|euro|eur)\b/i);
        expect(response).not.toMatch(/https?:|www\.|@/i);
        expect(response).not.toMatch(/\b(?:str\.|strada|calea|bulevardul|utca|street)\b/i);
      }
    });
  });

  it('says in the help answer what ANTONIA can do and that a clerk can take over', () => {
    const help = byName.get('help')!.responses;
    expect(help.ro.join(' ')).toMatch(/acte.*taxe.*unde|proceduri/s);
    expect(help.ro.join(' ')).toMatch(/funcționar/);
    expect(help.en.join(' ')).toMatch(/documents.*fees.*where/s);
    expect(help.en.join(' ')).toMatch(/clerk/);
    expect(help.hu.join(' ')).toMatch(/iratok.*díj/s);
    expect(help.hu.join(' ')).toMatch(/ügyintéző/);
  });

  it('never lets one word stand for two intents', () => {
    // A one-word example ("ok", "nu", "operator") decides its intent alone: it must be unambiguous.
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const intent of intents) {
      for (const example of Object.values(intent.examples).flat().flatMap(expandAlternatives)) {
        const content = tokenize(example).filter((word) => !FILLER_WORDS.has(word));
        if (content.length !== 1) continue;
        const previous = owner.get(content[0]);
        if (previous && previous !== intent.name) clashes.push(`${content[0]}: ${previous} / ${intent.name}`);
        owner.set(content[0], intent.name);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('marks only the request for a clerk as outweighing a question', () => {
    const overriding = intents
      .filter((intent) => intent.matching.overridesQuestion)
      .map((intent) => intent.name);
    expect(overriding).toEqual(['human-handoff']);
  });
});
