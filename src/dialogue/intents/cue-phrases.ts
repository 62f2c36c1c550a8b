import type { Lang } from '../../language.js';
import { tokenize } from '../../text/normalize.js';
import { buildExampleIndex, type CompiledExample, type ExampleIndex } from './compiled-examples.js';
import type { Intent } from './intent-schema.js';
import { tokenSimilarity } from './token-similarity.js';

/** The cues found in a message: the intent they signal and the message positions they cover. */
export interface CueHits {
  intent: string;
  priority: number;
  /** Positions (in the message's word list) covered by cues of this intent. */
  positions: Set<number>;
}

/** Every intent's cues (see `cues` in intent-schema.ts), indexed by first word like the examples. */
export interface CueIndex {
  /** Cues occurring anywhere in `words` (contiguous), grouped by intent, highest priority first. */
  find(words: string[], lang: Lang | undefined): CueHits[];
}

export function compileCues(intents: Intent[]): CueIndex {
  const cues: CompiledExample[] = intents.flatMap((intent) =>
    (Object.entries(intent.cues) as Array<[Lang, string[]]>).flatMap(([lang, phrases]) =>
      phrases
        .map((phrase) => tokenize(phrase))
        .filter((words) => words.length > 0)
        .map((words) => ({
          intent: {
            name: intent.name,
            priority: intent.matching.priority,
            wholeClauseOnly: false,
            singleWordAtStart: true,
            singleWordAtEnd: true,
            overridesQuestion: false,
          },
          lang,
          words,
          backward: [...words].reverse(),
          contentWords: words.length,
        })),
    ),
  );
  const index: ExampleIndex = buildExampleIndex(cues, 'forward');
  return {
    find(words, lang) {
      const byIntent = new Map<string, CueHits>();
      words.forEach((first, start) => {
        for (const cue of index.candidates(first)) {
          // As for examples, inflections and slips count only for cues in the message's language.
          const approximate = lang === undefined || cue.lang === lang;
          if (start + cue.words.length > words.length) continue;
          const fits = cue.words.every(
            (word, offset) => tokenSimilarity(word, words[start + offset], approximate) > 0,
          );
          if (!fits) continue;
          const { name, priority } = cue.intent;
          const hits = byIntent.get(name) ?? { intent: name, priority, positions: new Set<number>() };
          cue.words.forEach((_, offset) => hits.positions.add(start + offset));
          byIntent.set(name, hits);
        }
      });
      return [...byIntent.values()].sort((a, b) => b.priority - a.priority);
    },
  };
}
