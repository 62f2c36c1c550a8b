import type { Lang } from '../../language.js';
import type { ProcedureWordIndex } from './procedure-word-index.js';
import type { TurnCues } from './turn-cues.js';

export interface NamedSibling {
  slug: string;
  /** The distinctive words that name it (outside the topic's text). */
  words: string[];
  information: number;
  runnerUp: number;
}

/**
 * "Dar pentru un cămin?", "és ha idősotthonba menne?", "and what about the passport?": a follow-up in a
 * contrastive frame (an opening "and / but / dar / és…" or "what about…") that names, by a rare word the
 * topic's text does not hold at all, a procedure of the same area or kin to the topic by its titles,
 * asks about that sibling, even when retrieval cannot place the short message on its own. "And for my
 * daughter?" names nobody but a person (no content word) and stays. The evidence is the word index the
 * conversation step already weighs: each word's idf and which procedures' titles or keywords hold it
 * (`labelledBy`, with the correction's lead over the runner-up). Returns undefined when no sibling is
 * clearly named.
 */
export function namedSibling(input: {
  cues: TurnCues;
  lang: Lang;
  topic: string;
  index: ProcedureWordIndex;
  /** The area of a procedure (catalogue `area`), to tell a sibling from a stranger. */
  areaOf: (slug: string) => string | undefined;
  /** The least idf of a distinctive word (a word in a handful of procedures at most). */
  minIdf: number;
  /** How many times the runner-up's information the named procedure's must be. */
  lead: number;
}): NamedSibling | undefined {
  const { cues, lang, topic, index } = input;
  if (!cues.contrastCue || cues.pointerCue || cues.correction) return undefined;
  const words = cues.content.filter(
    (word) => !index.inText(topic, word, lang) && index.idf(word, lang) >= input.minIdf,
  );
  if (words.length === 0) return undefined;
  const [best, second] = index.labelledBy(words, lang, topic);
  if (!best || (second && best.information < input.lead * second.information)) return undefined;
  const area = input.areaOf(topic);
  const kin =
    (area !== undefined && input.areaOf(best.slug) === area) ||
    index.titleShareInTitles(topic, best.slug) > 0;
  if (!kin) return undefined;
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return {
    slug: best.slug,
    words: words.filter((word) => index.inLabels(best.slug, word, lang)),
    information: round(best.information),
    runnerUp: round(second?.information ?? 0),
  };
}
