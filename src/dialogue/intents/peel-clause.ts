import type { Lang } from '../../language.js';
import type { CompiledExample } from './compiled-examples.js';
import { FILLER_WORDS, REQUEST_WORDS } from './filler-words.js';
import { tokenSimilarity } from './token-similarity.js';

/** At most this many fillers between two words of a phrase ("vorbesc | și eu cu un | funcționar"). */
export const MAX_FILLERS_BETWEEN = 4;
/** At most this many fillers before a phrase, from its clause's edge ("aș dori să vă rog | …"). */
export const MAX_FILLERS_BEFORE = 6;
/** Caps the alignment search on odd inputs; real examples need a handful of steps. */
const MAX_ALIGNMENT_STEPS = 200;

/** One intent phrase found in a clause. */
export interface PhraseMatch {
  example: CompiledExample;
  /** Clause positions covered, inclusive. */
  first: number;
  last: number;
  /** The similarity of the phrase's words (1 each when typed exactly). */
  weight: number;
  /** The citizen asked: a request word ("vreau", "I need") is in the phrase or among the fillers before it. */
  asked: boolean;
  /**
   * A weak phrase (a lone "nu", "ajutor", "operator" inside a clause) counts only if its clause turns
   * out to hold nothing but fillers and intent phrases: phrases of its own intent, or at least one
   * strong phrase.
   */
  weak: boolean;
}

/** What peeling found in one clause. */
export interface PeeledClause {
  matches: PhraseMatch[];
  /** How many content words (not fillers) no phrase explains. */
  leftover: number;
  /** The clause's words that no phrase covers (empty when the clause is intent phrases only). */
  rest: string[];
}

export type CandidateLookup = (word: string, fromEnd: boolean) => CompiledExample[];

/**
 * Peels intent phrases off both ends of a clause and counts the content words left between them. A
 * phrase may start after fillers ("vă | mulțumesc pentru răspuns") and may overlap the tail of the
 * previous one ("most nem" + "nem kell"); at each step the phrase that reaches farthest wins.
 */
export function peelClause(clause: string[], lang: Lang | undefined, lookup: CandidateLookup): PeeledClause {
  const matches: PhraseMatch[] = [];
  let left = 0;
  let right = clause.length;
  for (let earliest = 0; ;) {
    let best: PhraseMatch | undefined;
    let sawRequest = false;
    for (let start = earliest; start < right && start - left <= MAX_FILLERS_BEFORE; start += 1) {
      if (start > left) {
        if (!FILLER_WORDS.has(clause[start - 1])) break;
        sawRequest ||= REQUEST_WORDS.has(clause[start - 1]);
      }
      const found = bestPhrase(clause, start, right, 1, sawRequest, matches.length === 0, lang, lookup);
      if (found && found.last >= left && (!best || found.last > best.last)) best = found;
    }
    if (!best) break;
    matches.push(best);
    left = best.last + 1;
    earliest = best.first + 1;
  }
  const fromLeft = matches.length;
  for (let latest = right - 1; ;) {
    let best: PhraseMatch | undefined;
    for (let end = latest; end >= left && right - 1 - end <= MAX_FILLERS_BEFORE; end -= 1) {
      if (end + 1 < right && !FILLER_WORDS.has(clause[end + 1])) break;
      const found = bestPhrase(clause, end, left - 1, -1, false, matches.length === fromLeft, lang, lookup);
      if (found && found.first < right && (!best || found.first < best.first)) best = found;
    }
    if (!best) break;
    matches.push(best);
    right = best.first;
    latest = best.last - 1;
  }
  const judged = judgeWeakPhrases(clause, matches, countContent(clause.slice(left, right)));
  const covered = (position: number) =>
    judged.matches.some((phrase) => phrase.first <= position && position <= phrase.last);
  const rest = judged.leftover === 0 ? [] : clause.filter((_, position) => !covered(position));
  return { ...judged, rest };
}

/**
 * Several weak phrases of one intent reinforce each other ("ok 👍", "most nem" + "nem kell"); weak
 * phrases of different intents with nothing strong ("nem" + "értem") or next to content ("nu" in
 * "nu am primit răspunsul", "ajutor" in "ajutor de încălzire") were ordinary words after all.
 */
function judgeWeakPhrases(
  clause: string[],
  found: PhraseMatch[],
  leftover: number,
): { matches: PhraseMatch[]; leftover: number } {
  // An example made of fillers ("kérem", "legyen") is an intent alone, and only politeness next to
  // another phrase ("nem | kérem").
  const matches = found.length > 1 ? found.filter((phrase) => phrase.example.contentWords > 0) : found;
  const weak = matches.filter((phrase) => phrase.weak);
  if (leftover === 0 && matches.every((phrase) => phrase.example.intent === matches[0].example.intent)) {
    // the clause is nothing but this intent: the strongest evidence there is
    return { matches: matches.map((phrase) => ({ ...phrase, weak: false })), leftover };
  }
  if (weak.length === 0 || (leftover === 0 && weak.length < matches.length)) return { matches, leftover };
  const weakContent = weak.reduce(
    (sum, phrase) => sum + countContent(clause.slice(phrase.first, phrase.last + 1)),
    0,
  );
  return { matches: matches.filter((phrase) => !phrase.weak), leftover: leftover + weakContent };
}

function countContent(words: string[]): number {
  return words.filter((word) => !FILLER_WORDS.has(word)).length;
}

/**
 * The longest phrase that begins (step 1) or ends (step -1) exactly at `from` and stays before
 * `limit` (exclusive, in the direction of `step`); ties go to the higher priority, then the closer match.
 */
function bestPhrase(
  clause: string[],
  from: number,
  limit: number,
  step: 1 | -1,
  afterRequest: boolean,
  atEdge: boolean,
  lang: Lang | undefined,
  lookup: CandidateLookup,
): PhraseMatch | undefined {
  let best: PhraseMatch | undefined;
  for (const example of lookup(clause[from], step === -1)) {
    // Typos and inflections are tolerated only against examples in the message's language.
    const approximate = lang === undefined || example.lang === lang;
    const aligned = align(
      step === 1 ? example.words : example.backward,
      clause,
      from,
      limit,
      step,
      approximate,
    );
    if (!aligned) continue;
    const [first, last] = step === 1 ? [from, aligned.reach] : [aligned.reach, from];
    const { intent } = example;
    const better =
      !best ||
      last - first > best.last - best.first ||
      (last - first === best.last - best.first &&
        (intent.priority > best.example.intent.priority ||
          (intent.priority === best.example.intent.priority && aligned.weight > best.weight)));
    if (!better) continue;
    const asked = afterRequest || aligned.asked;
    // One-word phrases are ordinary words inside a sentence, unless the intent allows them at this
    // end of the clause with nothing but fillers before, or the citizen explicitly asked ("vreau un
    // operator pentru…").
    const singleWordAllowed = atEdge && (step === 1 ? intent.singleWordAtStart : intent.singleWordAtEnd);
    const weak =
      intent.wholeClauseOnly ||
      (example.contentWords <= 1 && !singleWordAllowed && !(intent.overridesQuestion && asked));
    best = { example, first, last, weight: aligned.weight, asked, weak };
  }
  return best;
}

/**
 * Aligns an example's words with the clause from `from`, moving by `step` and never reaching `limit`:
 * the first word at `from`, then each next word after at most MAX_FILLERS_BETWEEN fillers. Returns
 * the position of the last word, the similarity weight, and whether a request word was passed.
 */
function align(
  words: string[],
  clause: string[],
  from: number,
  limit: number,
  step: 1 | -1,
  approximate: boolean,
): { reach: number; weight: number; asked: boolean } | undefined {
  let steps = 0;
  const inRange = (position: number): boolean => (step === 1 ? position < limit : position > limit);
  const search = (
    index: number,
    position: number,
    weight: number,
    asked: boolean,
  ): { reach: number; weight: number; asked: boolean } | undefined => {
    // `position` is where words[index] may stand: the next word, or one after a few fillers
    for (let gap = 0; gap <= (index === 0 ? 0 : MAX_FILLERS_BETWEEN); gap += 1) {
      const at = position + gap * step;
      if (!inRange(at) || (steps += 1) > MAX_ALIGNMENT_STEPS) return undefined;
      if (gap > 0) {
        const skipped = clause[at - step];
        if (!FILLER_WORDS.has(skipped)) return undefined;
        asked ||= REQUEST_WORDS.has(skipped);
      }
      const similarity = tokenSimilarity(words[index], clause[at], approximate);
      if (similarity === 0) continue;
      const nowAsked = asked || REQUEST_WORDS.has(clause[at]);
      if (index === words.length - 1) return { reach: at, weight: weight + similarity, asked: nowAsked };
      const rest = search(index + 1, at + step, weight + similarity, nowAsked);
      if (rest) return rest;
    }
    return undefined;
  };
  return search(0, from, 0, false);
}
