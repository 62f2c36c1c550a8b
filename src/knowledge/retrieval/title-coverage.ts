import type { Lang } from '../../language.js';
import { questionWords, type QuestionWord } from './question-words.js';

/**
 * How much of a procedure's *name* the question covers (0–1). Coverage measures how much of the
 * question a procedure matches; this is the other direction, and it tells neighbours apart: "cartea
 * de identitate" covers all of "Carte de identitate" but two thirds of "Carte de identitate
 * provizorie", whose extra distinguishing word the question does not ask for.
 *
 * A title's name is its head, before a colon or a dash ("Carte de identitate (buletin): prima dată,
 * expirare…" → "Carte de identitate"), and each parenthesis is an alias ("buletin"). The best covered
 * name or alias in any language counts: a Hungarian question covers the Hungarian title.
 */
export function titleCoverage(question: QuestionWord[], titles: Partial<Record<Lang, string>>): number {
  return nameCoverage(question, titleNameStems(titles));
}

/** One name or alias of a procedure: for each of its content words, the stem keys that find it. */
export type TitleName = string[][];

/**
 * The names and aliases of a procedure's titles in every language, as stems: what titleCoverage
 * compares a question with. It depends on the titles only, so the in-process index computes it once
 * per procedure when it is built instead of on every question.
 */
export function titleNameStems(titles: Partial<Record<Lang, string>>): TitleName[] {
  const names: TitleName[] = [];
  for (const [lang, title] of Object.entries(titles) as Array<[Lang, string]>) {
    for (const name of titleNames(title)) {
      // Every content word of the name, stop words dropped (a name has no more than a dozen).
      const words = questionWords(name, lang, 32);
      if (words.length > 0) names.push(words.map((word) => word.stems));
    }
  }
  return names;
}

/** titleCoverage over names already stemmed (titleNameStems): the best covered share of any name. */
export function nameCoverage(question: QuestionWord[], names: TitleName[]): number {
  return coverageOfNames(askedStems(question), names);
}

/** The stem keys of a question's words: what `coverageOfNames` looks names up in. */
export function askedStems(question: QuestionWord[]): Set<string> {
  return new Set(question.flatMap((word) => word.stems));
}

/**
 * `nameCoverage` with the question's stems already gathered (`askedStems`): a question's title coverage
 * is computed for each of its leading candidates, and the question's set is the same for all of them.
 */
export function coverageOfNames(asked: ReadonlySet<string>, names: TitleName[]): number {
  let best = 0;
  for (const name of names) {
    let covered = 0;
    for (const stems of name) if (holdsAny(asked, stems)) covered += 1;
    best = Math.max(best, covered / name.length);
  }
  return best;
}

// A loop, not a callback: this runs for every word of every name of every leading candidate, on
// each search.
function holdsAny(asked: ReadonlySet<string>, stems: string[]): boolean {
  for (const stem of stems) if (asked.has(stem)) return true;
  return false;
}

/** The head of a title (before ':' or a dash) without its parentheses, and each parenthesis. */
export function titleNames(title: string): string[] {
  const aliases = [...title.matchAll(/\(([^)]*)\)/g)].map((match) => match[1]);
  const head = title
    .replace(/\([^)]*\)/g, ' ')
    .split(/:|\s[–—-]\s/)[0]
    .trim();
  return [head, ...aliases].filter((name) => name.trim() !== '');
}
