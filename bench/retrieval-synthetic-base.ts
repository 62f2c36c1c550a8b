import type { EvalQuestion } from '../src/knowledge/retrieval/evaluate-retrieval.js';
import type { Procedure } from '../src/knowledge/ingest/procedure-schema.js';

/**
 * A synthetic knowledge base of any size, made from the real procedures so that its words, lengths
 * and languages look like the real thing: procedure k is real procedure (k mod n) narrowed to a
 * district, with two made-up words of its own (a place name and a variant) that no other procedure
 * has. About ten chunks each: three titles, a summary, the keywords, three examples, two body sections.
 */
export function syntheticProcedures(templates: Procedure[], count: number, seed = 1): Procedure[] {
  const random = prng(seed);
  const procedures: Procedure[] = [];
  for (let k = 0; k < count; k++) {
    const template = templates[k % templates.length];
    const [place, variant] = uniqueWords(k);
    const sections = template.body.split(/\n(?=## )/).slice(0, 2);
    const summary = `${template.summary.ro} Pentru cartierul ${place}, varianta ${variant}.`;
    procedures.push({
      ...template,
      slug: `${template.slug}-${place}-${k}`,
      title: {
        ro: `${template.title.ro} – ${place} ${variant}`,
        en: `${template.title.en} – ${place} ${variant}`,
        hu: `${template.title.hu} – ${place} ${variant}`,
      },
      // The same text in three languages is one chunk (the chunker drops duplicates).
      summary: { ro: summary, en: summary, hu: summary },
      keywords: [...template.keywords.slice(0, 4), place, `${place} ${variant}`],
      examples: {
        ro: template.examples.ro.slice(0, 3).map((example) => `${example} (${place})`),
        en: [`${template.examples.ro[0]} (${place})`],
        hu: [`${template.examples.ro[0]} (${place})`],
      },
      body:
        sections.map((section) => mutate(section, random)).join('\n') + `\n\nCartierul ${place}: ${variant}.`,
      related: [],
      contentHash: `synthetic-${seed}-${k}`,
      path: `synthetic/${k}.md`,
    });
  }
  return procedures;
}

/**
 * The mixed question set of the benchmark: questions about synthetic procedures (an example question
 * plus the procedure's own place name, some with a typo), English and Hungarian titles, and the real
 * development questions (in and out of scope).
 */
export function benchmarkQuestions(
  synthetic: Procedure[],
  real: EvalQuestion[],
  count: number,
  seed = 2,
): EvalQuestion[] {
  const random = prng(seed);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
  const questions: EvalQuestion[] = [];
  while (questions.length < count) {
    const roll = random();
    if (roll < 0.3) {
      questions.push(pick(real));
      continue;
    }
    const procedure = pick(synthetic);
    const place = procedure.keywords.at(-2)!;
    const expect = [procedure.slug];
    if (roll < 0.6) questions.push({ q: pick(procedure.examples.ro), lang: 'ro', expect });
    else if (roll < 0.75) questions.push({ q: typo(`${procedure.title.ro}`, random), lang: 'ro', expect });
    else if (roll < 0.9)
      questions.push({ q: `${procedure.title.en.split(' – ')[0]} in ${place}`, lang: 'en', expect });
    else questions.push({ q: `${procedure.title.hu.split(' – ')[0]} ${place}`, lang: 'hu', expect });
  }
  return questions;
}

const CONSONANTS = 'bcdfghjklmnprstvz';
const VOWELS = 'aeiou';

/** Two pronounceable words that only procedure k has (its index written in syllables). */
function uniqueWords(k: number): [string, string] {
  const word = (value: number, syllables: number) => {
    let text = '';
    for (let i = 0; i < syllables; i++) {
      text +=
        CONSONANTS[value % CONSONANTS.length] + VOWELS[Math.floor(value / CONSONANTS.length) % VOWELS.length];
      value = Math.floor(value / (CONSONANTS.length * VOWELS.length));
    }
    return text;
  };
  return [`${word(k, 3)}eni`, `${word(k * 7 + 3, 3)}ul`];
}

/** Replaces one word in twenty with a made-up one, so bodies are not copies of each other. */
function mutate(text: string, random: () => number): string {
  return text.replace(/\p{L}{5,}/gu, (word) =>
    random() < 0.05 ? uniqueWords(Math.floor(random() * 1e6))[0] : word,
  );
}

/** Swaps two neighbouring letters in the longest word: the commonest typo. */
function typo(text: string, random: () => number): string {
  const words = text.split(' ');
  const index = words.reduce((best, word, i) => (word.length > words[best].length ? i : best), 0);
  const word = words[index];
  if (word.length < 5) return text;
  const at = 1 + Math.floor(random() * (word.length - 3));
  words[index] = word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
  return words.join(' ');
}

/** mulberry32: a small seeded generator, so every run benchmarks the same base and questions. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
