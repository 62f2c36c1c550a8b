import type { Lang } from '../../language.js';
import type { KnowledgeCatalog } from '../../knowledge/retrieval-contract.js';
import { isStopword } from '../../knowledge/words/stopwords.js';
import { tokenize } from '../../text/normalize.js';
import type { ProcedureWordIndex } from './procedure-word-index.js';

/** A procedure close to the one a correction takes back, and how well the correction's words fit it. */
export interface CorrectionNeighbour {
  slug: string;
  /** Information (idf) of the wrong topic's title and keyword words that also name this procedure. */
  kinship: number;
  /**
   * Share of the correction's information (idf-weighted content words) found in this procedure's text
   * and not in the wrong topic's: what the citizen adds to tell the two apart ("monthly", "a new one").
   */
  fit: number;
  /**
   * `fit` times `kinship` relative to the closest neighbour's: a word the correction adds counts for a
   * near neighbour more than for one that shares a single generic name word with the wrong topic.
   */
  weight: number;
}

/**
 * "No, I meant a fixed spot next to my block, not by the hour", said after the hourly parking: the
 * citizen most often means a neighbour of the wrong topic — a procedure named with the same words
 * (parking, identity card, building tax, authorisation) — and says what sets it apart. When retrieval
 * cannot place the correction (a sentence of everyday words), the wrong topic's closest neighbours by
 * their names are weighed by how much of the correction their texts hold that the wrong topic's does
 * not. Measured on the knowledge base, no word lists; best first.
 */
export function correctionNeighbours(
  index: ProcedureWordIndex,
  catalog: KnowledgeCatalog,
  wrong: string,
  content: string[],
  lang: Lang,
  count: number,
): CorrectionNeighbour[] {
  const procedure = catalog.procedure(wrong);
  if (!procedure) return [];
  const nameWords = [
    ...new Set(
      [procedure.title.ro, ...procedure.keywords]
        .flatMap((text) => tokenize(text))
        .filter((word) => word.length >= 3 && !isStopword(word)),
    ),
  ];
  // Words in the wrong topic's labels count for a neighbour that is labelled with them too (so the wrong
  // topic is not passed as `except`, which would discount exactly those words; it is filtered by slug).
  const kin = index
    .labelledBy(nameWords, 'ro')
    .filter((found) => found.slug !== wrong)
    .slice(0, count);
  const informationOf = (words: string[]) => words.reduce((sum, word) => sum + index.idf(word, lang), 0);
  const total = informationOf(content);
  const closest = kin[0]?.information ?? 0;
  return kin
    .map(({ slug, information }) => {
      const telling = content.filter(
        (word) => index.inText(slug, word, lang) && !index.inText(wrong, word, lang),
      );
      const fit = total > 0 ? informationOf(telling) / total : 0;
      return { slug, kinship: information, fit, weight: closest > 0 ? (fit * information) / closest : 0 };
    })
    .sort((a, b) => b.weight - a.weight || b.kinship - a.kinship);
}
