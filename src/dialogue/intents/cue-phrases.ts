import type { Lang } from '../../language.js';
import { tokenize } from '../../text/normalize.js';
import type { Intent } from './intent-schema.js';
import { tokenSimilarity } from './token-similarity.js';

/** One cue of an intent (see `cues` in intent-schema.ts), as normalised words. */
interface CompiledCue {
  intent: string;
  priority: number;
  lang: Lang;
  words: string[];
}

/** The cues found in a message: the intent they signal and the message positions they cover. */
export interface CueHits {
  intent: string;
  priority: number;
  /** Positions (in the message's word list) covered by cues of this intent. */
  positions: Set<number>;
}

export function compileCues(intents: Intent[]): CompiledCue[] {
  return intents.flatMap((intent) =>
    (Object.entries(intent.cues) as Array<[Lang, string[]]>).flatMap(([lang, cues]) =>
      cues
        .map((cue) => tokenize(cue))
        .filter((words) => words.length > 0)
        .map((words) => ({
          intent: intent.name,
          priority: intent.matching.priority,
          lang,
          words,
        })),
    ),
  );
}

/**
 * Every cue occurring anywhere in `words` (contiguous), grouped by intent, highest priority first.
 * As for examples, inflections and slips are tolerated only for cues in the message's language.
 */
export function findCues(words: string[], cues: CompiledCue[], lang: Lang | undefined): CueHits[] {
  const byIntent = new Map<string, CueHits>();
  for (const cue of cues) {
    const approximate = lang === undefined || cue.lang === lang;
    for (let start = 0; start + cue.words.length <= words.length; start += 1) {
      const fits = cue.words.every(
        (word, offset) => tokenSimilarity(word, words[start + offset], approximate) > 0,
      );
      if (!fits) continue;
      const hits = byIntent.get(cue.intent) ?? {
        intent: cue.intent,
        priority: cue.priority,
        positions: new Set(),
      };
      cue.words.forEach((_, offset) => hits.positions.add(start + offset));
      byIntent.set(cue.intent, hits);
    }
  }
  return [...byIntent.values()].sort((a, b) => b.priority - a.priority);
}
