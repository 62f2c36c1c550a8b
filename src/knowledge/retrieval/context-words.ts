import { accentedTokens, tokenize } from '../../text/normalize.js';
import type { RetrievalConfig } from './retrieval-config.js';

/**
 * Context words (knowledge-base/retrieval.yaml, `context`): when, who and where a citizen tells
 * around a request ("în august", "luni dimineața", "in Mănăștur"), and polite frames. They say nothing
 * about which procedure is meant; the ranking gives them no weight, neither as information the
 * question carries nor as a match (rank-procedures.ts), so they do not dilute a clear request.
 */
export type ContextWords = ReadonlySet<string>;

const memo = new WeakMap<RetrievalConfig['context'], ContextWords>();

/** The configured context words, normalised as question words are (no diacritics, lower case). */
export function contextWords(config: Pick<RetrievalConfig, 'context'>): ContextWords {
  let words = memo.get(config.context);
  if (!words) {
    words = new Set(Object.values(config.context).flatMap((list) => tokenize(list)));
    memo.set(config.context, words);
  }
  return words;
}

/** Indices of the question words (normalised) that are context words. */
export function contextIndices(words: ReadonlyArray<{ word: string }>, context: ContextWords): Set<number> {
  const indices = new Set<number>();
  words.forEach((item, index) => {
    if (context.has(item.word)) indices.add(index);
  });
  return indices;
}

/**
 * The question as the vector channel embeds it: its words as written, without the context words
 * (the question itself when it has none, or nothing else). "a decedat soacra mea duminică dimineață"
 * is closest to the death registration once "duminică dimineață" no longer pulls it towards the
 * Sunday markets.
 */
export function withoutContext(question: string, context: ContextWords): string {
  const tokens = accentedTokens(question);
  const kept = tokens.filter((token) => !context.has(token.word));
  if (kept.length === tokens.length || kept.length === 0) return question;
  return kept.map((token) => token.accented).join(' ');
}
