import type { Lang } from '../../language.js';
import { buildExampleIndex, compileExamples } from './compiled-examples.js';
import type { Intent } from './intent-schema.js';
import { peelClause, type PhraseMatch } from './peel-clause.js';
import { splitClauses } from './split-clauses.js';

export interface IntentMatch {
  /** The intent's `name` (its file name). */
  intent: string;
  /**
   * 0–1: the share of the message's content words explained by intent phrases (words matched
   * through a typo or an inflection count a little less). 1 = the message is intent phrases only.
   */
  score: number;
  /**
   * True when the message is essentially just the intent ("Mulțumesc frumos!"); false when it also
   * holds a question or other content ("Mersi, și cât costă?"), which must then be answered as a
   * question. A request for a clerk stays standalone even with a topic ("I want to talk to someone
   * about my building permit").
   */
  standalone: boolean;
}

export interface IntentMatcher {
  /**
   * The intent of the message, or undefined when it holds none. `lang` (the detected language)
   * limits typo tolerance to that language's examples; exact words match in any language.
   */
  match(text: string, lang?: Lang): IntentMatch | undefined;
}

/**
 * Recognises conversational intents with a conservative rule: an intent phrase (an example from the
 * intent files, tolerant to fillers, inflections and one-letter typos) must sit at the start or the
 * end of a clause. Phrases are peeled off both ends of each clause; what stays in the middle is the
 * content that makes a message a question ("bună ziua, | cum îmi fac buletinul"). One-word examples
 * that also start ordinary questions ("ajutor de încălzire", "nu am primit…") count only when they
 * fill their clause. See docs/intents.md.
 */
export function createIntentMatcher(intents: Intent[]): IntentMatcher {
  const examples = compileExamples(intents);
  const forward = buildExampleIndex(examples, 'forward');
  const backward = buildExampleIndex(examples, 'backward');
  const lookup = (word: string, fromEnd: boolean) => (fromEnd ? backward : forward).candidates(word);

  return {
    match(text: string, lang?: Lang): IntentMatch | undefined {
      const found: PhraseMatch[] = [];
      let contentWords = 0;
      for (const clause of splitClauses(text)) {
        const peeled = peelClause(clause, lang, lookup);
        contentWords += peeled.leftover;
        found.push(...peeled.matches);
      }
      if (found.length === 0) return undefined;

      // A weak phrase that only survived next to a strong one ("köszi | a segítséget") is never the
      // message's intent: the strong phrase is.
      const strong = found.filter((phrase) => !phrase.weak);
      const top = (strong.length > 0 ? strong : found).reduce((best, phrase) =>
        phrase.example.intent.priority > best.example.intent.priority ||
        (phrase.example.intent.priority === best.example.intent.priority && phrase.weight > best.weight)
          ? phrase
          : best,
      );
      const intent = top.example.intent;
      const matchedWeight = found.reduce((sum, phrase) => sum + phrase.weight, 0);
      const matchedWords = found.reduce((sum, phrase) => sum + phrase.example.words.length, 0);
      const score = Math.round(100 * Math.min(1, matchedWeight / (matchedWords + contentWords))) / 100;
      const standalone =
        contentWords === 0 ||
        (intent.overridesQuestion &&
          found.some((phrase) => phrase.example.intent === intent && isClearRequest(phrase)));
      return { intent: intent.name, score, standalone };
    },
  };
}

/** A request for the intent strong enough to outweigh the rest of the message. */
function isClearRequest(phrase: PhraseMatch): boolean {
  return phrase.example.contentWords >= 2 || phrase.asked;
}
