import type { Lang } from '../../language.js';
import { boundedMemo } from '../../text/bounded-memo.js';
import { tokenize } from '../../text/normalize.js';
import { expandAlternatives } from './expand-alternatives.js';
import { FILLER_WORDS } from './filler-words.js';
import type { Intent } from './intent-schema.js';
import {
  APPROXIMATE_MIN_LENGTH,
  MAX_INFLECTION_LETTERS,
  tokenSimilarity,
  unstretched,
} from './token-similarity.js';

/** An intent's matching settings, flattened for the matcher. */
export interface CompiledIntent {
  name: string;
  priority: number;
  wholeClauseOnly: boolean;
  singleWordAtStart: boolean;
  singleWordAtEnd: boolean;
  overridesQuestion: boolean;
}

/**
 * One example reduced to its key words: fillers are dropped, because the matcher skips fillers in a
 * message anyway ("vreau să vorbesc cu un funcționar" and "aș dori să vorbesc cu funcționarul" both
 * come down to "vorbesc … funcționar"). An example made only of fillers ("legyen") keeps its words.
 */
export interface CompiledExample {
  intent: CompiledIntent;
  lang: Lang;
  words: string[];
  /** The same words from the last to the first, for matching from a clause's end. */
  backward: string[];
  /** Words that are not fillers: 1 means a one-word example like "ajutor" or "vreau un operator". */
  contentWords: number;
}

export function compileExamples(intents: Intent[]): CompiledExample[] {
  const seen = new Set<string>();
  const compiled: CompiledExample[] = [];
  for (const intent of intents) {
    const settings: CompiledIntent = {
      name: intent.name,
      priority: intent.matching.priority,
      wholeClauseOnly: intent.matching.wholeClauseOnly,
      singleWordAtStart: ['clause-start', 'clause-edge'].includes(intent.matching.singleWord),
      singleWordAtEnd: ['clause-end', 'clause-edge'].includes(intent.matching.singleWord),
      overridesQuestion: intent.matching.overridesQuestion,
    };
    for (const [lang, phrases] of Object.entries(intent.examples) as [Lang, string[]][]) {
      for (const phrase of phrases.flatMap(expandAlternatives)) {
        const all = tokenize(phrase).filter((word, index, words) => index === 0 || words[index - 1] !== word);
        const keyWords = all.filter((word) => !FILLER_WORDS.has(word));
        const words = keyWords.length > 0 ? keyWords : all;
        const key = `${intent.name}|${lang}|${words.join(' ')}`;
        if (words.length === 0 || seen.has(key)) continue;
        seen.add(key);
        compiled.push({
          intent: settings,
          lang,
          words,
          backward: [...words].reverse(),
          contentWords: keyWords.length,
        });
      }
    }
  }
  return compiled;
}

export interface ExampleIndex {
  /** Examples whose first word (last, for a backward index) is this message word, exactly or nearly. */
  candidates(word: string): CompiledExample[];
}

/** Citizens' vocabulary is bounded; the cache of lookups is cleared when it grows past this. */
const CANDIDATE_CACHE_SIZE = 20_000;

/**
 * Indexes examples by their first (or last) word. A longer message word also finds examples through
 * an inflection or a typo: only index words of a close length are compared, and lookups are cached.
 */
export function buildExampleIndex(
  examples: CompiledExample[],
  direction: 'forward' | 'backward',
): ExampleIndex {
  const exact = new Map<string, CompiledExample[]>();
  for (const example of examples) {
    const first = direction === 'forward' ? example.words[0] : example.backward[0];
    exact.set(first, [...(exact.get(first) ?? []), example]);
  }
  const keysByLength = new Map<number, string[]>();
  for (const key of exact.keys()) {
    if (key.length >= APPROXIMATE_MIN_LENGTH)
      keysByLength.set(key.length, [...(keysByLength.get(key.length) ?? []), key]);
  }

  const lookUp = (word: string): CompiledExample[] => {
    const found = new Set(exact.get(word) ?? exact.get(unstretched(word)) ?? []);
    if (word.length >= APPROXIMATE_MIN_LENGTH) {
      for (
        let length = word.length - MAX_INFLECTION_LETTERS;
        length <= word.length + MAX_INFLECTION_LETTERS;
        length += 1
      ) {
        for (const key of keysByLength.get(length) ?? []) {
          if (key !== word && tokenSimilarity(key, word, true) > 0)
            for (const example of exact.get(key)!) found.add(example);
        }
      }
    }
    return [...found];
  };

  return {
    candidates: boundedMemo(lookUp, { maxEntries: CANDIDATE_CACHE_SIZE }),
  };
}
