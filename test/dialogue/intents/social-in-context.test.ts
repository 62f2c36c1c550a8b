import { describe, expect, it } from '@jest/globals';
import { createIntentMatcher, loadIntents } from '../../../src/dialogue/intents/index.js';
import type { Lang } from '../../../src/language.js';

/**
 * Social turns in context (issue #10): cues anywhere in a sentence (frustration, praise), sarcasm, a
 * question beside thanks or a greeting, and a vent that asks nothing. The end-to-end measure is
 * bench/social-turns.ts over test/fixtures/social-turns.jsonl; these pin the matcher's part.
 */
const matcher = createIntentMatcher(loadIntents());

describe('frustration said in words no example holds', () => {
  it.each<[string, Lang]>([
    ['asta e inutil', 'ro'],
    ['sunteti de tot rasul', 'ro'],
    ['ce bataie de joc', 'ro'],
    ['this is a complete waste of my time', 'en'],
    ["you're useless", 'en'],
    ['ez borzasztó', 'hu'],
    ['na szép, köszönöm a semmit', 'hu'],
  ])('"%s" (%s) is a complaint on its own', (text, lang) => {
    expect(matcher.match(text, lang)).toEqual(
      expect.objectContaining({ intent: 'complaint', standalone: true }),
    );
  });

  it.each<[string, Lang]>([
    ['super, mersi pentru nimic', 'ro'],
    ['wow, great job, totally useless', 'en'],
    ['hát ez nagyszerű, megint semmi', 'hu'],
  ])('sarcasm "%s" (%s) is a complaint, not thanks', (text, lang) => {
    expect(matcher.match(text, lang)?.intent).toBe('complaint');
  });

  it.each<[string, Lang]>([
    ['sunt nervos, vecinul face zgomot toata noaptea', 'ro'],
    ['m-am saturat, vreau sa depun o petitie', 'ro'],
    ['this is ridiculous, my car was towed, how do I get it back?', 'en'],
    ['elegem van, hogyan tudom befizetni a helyi adót?', 'hu'],
  ])('"%s" (%s) also reports or asks something: not standalone', (text, lang) => {
    expect(matcher.match(text, lang)).toEqual(
      expect.objectContaining({ intent: 'complaint', standalone: false }),
    );
  });
});

describe('a question beside thanks or a greeting', () => {
  it.each<[string, Lang, string]>([
    ['mulțumesc, și cât costă?', 'ro', 'si cat costa?'],
    ['mersi! si unde se depun?', 'ro', 'si unde se depun?'],
    ['bună ziua, cât costă buletinul?', 'ro', 'cat costa buletinul?'],
    ['thanks, and when is it due?', 'en', 'and when is it due?'],
    ['szia, hol lehet parkolási bérletet kérni?', 'hu', 'hol lehet parkolasi berletet kerni?'],
  ])('"%s" (%s) asks "%s"', (text, lang, question) => {
    expect(matcher.match(text, lang)).toEqual(
      expect.objectContaining({ standalone: false, asksQuestion: true, question }),
    );
  });

  it('keeps a case said without a question mark for the conversation step', () => {
    expect(matcher.match('mersi, si pentru sotia mea', 'ro')).toEqual(
      expect.objectContaining({ intent: 'thanks', standalone: false, asksQuestion: false }),
    );
  });

  it('reads question words only in the message language ("mi" is Hungarian "what", a Romanian clitic)', () => {
    expect(matcher.match('iar mi-ai dat acelasi raspuns, nu ma ajuti', 'ro')?.asksQuestion).toBe(false);
  });
});

describe('thanks with praise and closing words', () => {
  it.each<[string, Lang, string]>([
    ['multumesc frumos, ati fost de mare ajutor', 'ro', 'thanks'],
    ['köszönöm, nagyon kedves', 'hu', 'thanks'],
    ['thanks a lot, you guys are amazing', 'en', 'thanks'],
    ['mersi, nu mai am intrebari', 'ro', 'goodbye'],
    ["thanks, that's all", 'en', 'goodbye'],
    ['köszönöm, ennyi volt', 'hu', 'goodbye'],
  ])('"%s" (%s) is %s on its own', (text, lang, intent) => {
    expect(matcher.match(text, lang)).toEqual(expect.objectContaining({ intent, standalone: true }));
  });
});

describe('procedure questions with no feeling in them', () => {
  it.each<[string, Lang]>([
    ['cat costa buletinul?', 'ro'],
    ['is the parking permit useful for two cars?', 'en'],
    ['hol lehet parkolási bérletet kérni?', 'hu'],
  ])('"%s" (%s) is not standalone', (text, lang) => {
    expect(matcher.match(text, lang)?.standalone ?? false).toBe(false);
  });
});
