/**
 * `npx tsx scripts/untranslated-body-figures.ts` — the body sentences that state a figure (a number
 * other than a year) which no English or Hungarian text of the same procedure file states, less those
 * passages.yaml already renders (`translations`). They are the facts an English or Hungarian question
 * could only find in Romanian. Prints them as YAML, ready to be given `en` and `hu` renderings.
 * (A figure the en/hu text states elsewhere in the file hides a sentence: the list is a floor.)
 */
import { bodySections } from '../src/knowledge/ingest/chunk-procedure.js';
import { loadKnowledgeBase } from '../src/knowledge/ingest/load-knowledge-base.js';
import { passageConfig } from '../src/knowledge/passages/passage-config.js';
import { sentenceKey, sentences } from '../src/knowledge/passages/procedure-passages.js';
import { fromProjectRoot } from '../src/project-root.js';

const SKIPPED = new Set(['body', 'keywords', 'examples', 'sources', 'contentHash', 'path']);
const figures = (text: string) => (text.match(/\d+(?:[.,]\d+)*/g) ?? []).map((n) => n.replace(/[.,]/g, ''));

/** Every string of the front matter written in `lang` (or the same in every language: amounts, phones). */
function textsIn(value: unknown, lang: string, out: string[], inLang = false): string[] {
  if (typeof value === 'string' || typeof value === 'number') {
    if (inLang) out.push(String(value));
  } else if (Array.isArray(value)) {
    for (const item of value) textsIn(item, lang, out, inLang);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (SKIPPED.has(key)) continue;
      textsIn(
        item,
        lang,
        out,
        inLang || key === lang || key === 'amount' || key === 'phone' || key === 'address',
      );
    }
  }
  return out;
}

const translations = passageConfig().translations;
let count = 0;
for (const procedure of loadKnowledgeBase(fromProjectRoot('knowledge-base')).procedures) {
  const rendered = new Set(
    (translations[procedure.slug] ?? []).map((translation) => sentenceKey(translation.ro)),
  );
  const known = ['en', 'hu'].map((lang) => new Set(figures(textsIn(procedure, lang, []).join(' '))));
  const missing: string[] = [];
  for (const section of bodySections(procedure.body)) {
    for (const sentence of sentences(section.text)) {
      if (rendered.has(sentenceKey(sentence))) continue;
      const stated = figures(sentence).filter((figure) => !/^(19|20)\d\d$/.test(figure));
      if (stated.some((figure) => known.some((set) => !set.has(figure)))) missing.push(sentence);
    }
  }
  if (missing.length === 0) continue;
  console.log(`  ${procedure.slug}:`);
  for (const sentence of missing) console.log(`    - ro: ${JSON.stringify(sentence)}`);
  count += missing.length;
}
console.error(`${count} sentence(s) with a figure stated only in Romanian`);
