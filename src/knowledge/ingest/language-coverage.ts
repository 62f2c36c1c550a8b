import type { KnowledgeProblem } from './load-knowledge-base.js';
import type { Procedure } from './procedure-schema.js';

/**
 * Where a procedure would show an English or Hungarian citizen Romanian text: every localized field
 * (any `{ro, en?, hu?}` in the front matter, so a field added later is covered without a list to update)
 * must have its own `en` and `hu`, not a copy of the Romanian.
 *
 * - `fallbacks`: an `en`/`hu` missing (the answer would show the Romanian), or identical to a Romanian
 *   text that has Romanian letters (a copy, not a translation). kb:validate fails on these: the citizen
 *   would read a line in a language they did not write in.
 * - `warnings`: a translated list with fewer lines than the Romanian one. A translation may merge two
 *   lines on purpose, so a person has to look; kb:validate lists these without failing.
 */
export interface LanguageCoverage {
  fallbacks: KnowledgeProblem[];
  warnings: KnowledgeProblem[];
}

const TRANSLATED = ['en', 'hu'] as const;
/** Letters only Romanian uses among ro/en/hu: an en/hu text equal to the ro one and holding them is a copy. */
const ROMANIAN_LETTERS = /[ăâîșțşţ]/i;
/** Not shown to citizens as answer text: the example questions of each language are different by design. */
const NOT_SHOWN = new Set(['examples']);

export function checkLanguageCoverage(procedures: Procedure[]): LanguageCoverage {
  const coverage: LanguageCoverage = { fallbacks: [], warnings: [] };
  for (const procedure of procedures) {
    const { body: _body, contentHash: _hash, path, ...frontMatter } = procedure;
    walk(frontMatter, [], path, coverage);
  }
  return coverage;
}

function walk(value: unknown, at: string[], path: string, coverage: LanguageCoverage): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => walk(item, [...at, String(index)], path, coverage));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  if ('ro' in record) {
    if (!NOT_SHOWN.has(at[0] ?? '')) checkLocalized(record, at.join('.'), path, coverage);
    return;
  }
  for (const [key, child] of Object.entries(record)) walk(child, [...at, key], path, coverage);
}

function checkLocalized(
  value: Record<string, unknown>,
  field: string,
  path: string,
  coverage: LanguageCoverage,
): void {
  const ro = value.ro;
  for (const lang of TRANSLATED) {
    const translated = value[lang];
    if (translated === undefined) {
      if (Array.isArray(ro) && ro.length === 0) continue;
      coverage.fallbacks.push({
        path,
        field: `${field}.${lang}`,
        message: `missing: ${languageName(lang)} answers would show the Romanian text; add ${field}.${lang}`,
      });
    } else if (Array.isArray(ro) && Array.isArray(translated)) {
      const copied = translated.filter(
        (line) => typeof line === 'string' && ro.includes(line) && ROMANIAN_LETTERS.test(line),
      );
      if (copied.length > 0)
        coverage.fallbacks.push({
          path,
          field: `${field}.${lang}`,
          message: `${copied.length} line(s) copied from the Romanian, not translated (first: "${clip(copied[0] as string)}")`,
        });
      if (translated.length < ro.length)
        coverage.warnings.push({
          path,
          field: `${field}.${lang}`,
          message: `${translated.length} lines for ${ro.length} in Romanian: check that nothing is left out`,
        });
    } else if (translated === ro && typeof ro === 'string' && ROMANIAN_LETTERS.test(ro)) {
      coverage.fallbacks.push({
        path,
        field: `${field}.${lang}`,
        message: `copied from the Romanian, not translated ("${clip(ro)}")`,
      });
    }
  }
}

function languageName(lang: (typeof TRANSLATED)[number]): string {
  return lang === 'en' ? 'English' : 'Hungarian';
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
