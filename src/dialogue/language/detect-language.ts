import { LANGS, type Lang } from '../../language.js';
import { tokenize } from '../../text/normalize.js';
import { LETTERS, LEXICONS, WORD_SHAPES } from './language-lexicon.js';

/**
 * Which of ANTONIA's languages a citizen's message is in. Evidence, strongest first: letters only
 * one language writes (ă ș ț / ő ű é), greeting and thanks formulas, city-hall words, grammar words,
 * then spelling habits of unknown words (Hungarian "sz", "gy"; English "th", "-ing"; Romanian "-ul").
 * A short or ambiguous message ("ok", "CU", "carte-identitate") keeps the conversation's language.
 */

/** Points: a word with a distinctive letter, a formula, a domain word, a grammar word, a word's shape. */
export const LETTER_POINTS = 2;
export const FORMULA_POINTS = 2;
export const DOMAIN_POINTS = 1.5;
export const GRAMMAR_POINTS = 1;
export const SHAPE_POINTS = 0.5;
/** Below this, a message says too little ("ok", "buletin", "CU"): the hint (conversation language) wins. */
export const MIN_EVIDENCE = 2;
/** To leave the hint (or Romanian, without one) another language must lead it by this much. */
export const MIN_MARGIN = 1;

/** A quick-reply value or a procedure slug ("carte-identitate") is not language evidence. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)+$/;

const WORD_POINTS: Record<Lang, Map<string, number>> = Object.fromEntries(
  LANGS.map((lang) => {
    const points = new Map<string, number>();
    const { grammar, domain, formulas } = LEXICONS[lang];
    for (const word of grammar) points.set(word, GRAMMAR_POINTS);
    for (const word of domain) points.set(word, DOMAIN_POINTS);
    for (const word of formulas) points.set(word, FORMULA_POINTS);
    return [lang, points];
  }),
) as Record<Lang, Map<string, number>>;

export function detectLanguage(text: string, hint?: Lang): Lang {
  const fallback = hint ?? 'ro';
  if (SLUG.test(text.trim())) return fallback;
  const scores = scoreLanguages(text);
  let best: Lang = fallback;
  for (const lang of LANGS) if (scores[lang] > scores[best]) best = lang;
  if (scores[best] < MIN_EVIDENCE || scores[best] - scores[fallback] < MIN_MARGIN) return fallback;
  return best;
}

/** The evidence for each language (exported for tests and tuning). */
export function scoreLanguages(text: string): Record<Lang, number> {
  const scores: Record<Lang, number> = { ro: 0, en: 0, hu: 0 };
  // Per word, not per letter: one place name ("Mănăștur") must not outweigh a whole English sentence.
  for (const rawWord of text.split(/\s+/)) {
    if (LETTERS.ro.test(rawWord)) scores.ro += LETTER_POINTS;
    if (LETTERS.hu.test(rawWord)) scores.hu += LETTER_POINTS;
  }
  const words = tokenize(text).filter((word) => !/^\d+$/.test(word));
  // One word alone is judged by its letters and formulas only: "buletin" or "permit" typed into a
  // conversation in another language is a keyword, not a change of language.
  const single = words.length === 1;
  for (const word of words) {
    let known = false;
    for (const lang of LANGS) {
      const points = WORD_POINTS[lang].get(word);
      if (points === undefined) continue;
      known = true;
      if (!single || points >= FORMULA_POINTS) scores[lang] += points;
    }
    if (known || single || word.length < 3) continue;
    const stemmed = LANGS.filter((lang) => LEXICONS[lang].stems.some((stem) => word.startsWith(stem)));
    if (stemmed.length > 0) {
      for (const lang of stemmed) scores[lang] += DOMAIN_POINTS;
      continue;
    }
    for (const lang of LANGS) {
      if (WORD_SHAPES[lang].some((shape) => shape.test(word))) scores[lang] += SHAPE_POINTS;
    }
  }
  return scores;
}
