import { existsSync } from 'node:fs';
import { z } from 'zod';
import type { Lang } from '../../language.js';
import { knowledgeBaseFile, readYamlFile } from '../knowledge-base-file.js';
import { tokenize } from '../../text/normalize.js';
import { stemKeys } from '../words/light-stemmer.js';
import { isStopword } from '../words/stopwords.js';
import type { QuestionWord } from './question-words.js';

/**
 * The everyday lexicon (knowledge-base/lexicon.yaml): words a citizen uses that the base does not
 * hold, or holds only in passing, each group with the base's own words for the same thing — a car
 * brand for "mașină / car / autó", a maternity ward for a birth, a shed or a fence for building work.
 * At query time a question word the base lacks (or finds in very few procedures) that the lexicon
 * knows is also looked for as those base words, weighted below a word the citizen wrote
 * (retrieval.yaml, `lexical.lexiconWeight`), like a typo correction (resolve-terms.ts).
 */
export const LexiconSchema = z.array(
  z
    .object({
      // The base's words for the thing, per language (space-separated, as the procedures write them).
      means: z.object({ ro: z.string(), en: z.string(), hu: z.string() }).strict(),
      // Everyday words and phrases (any language) that stand for them.
      words: z.array(z.string().min(1)).min(1),
    })
    .strict(),
);
export type Lexicon = z.infer<typeof LexiconSchema>;

/**
 * Reads `lexicon.yaml` from the knowledge-base directory, or the project's own file when that
 * directory has none; no file at all is an empty lexicon. A wrong entry fails with its path.
 */
export function loadLexicon(knowledgeBaseDirectory?: string): Lexicon {
  const path = knowledgeBaseFile('lexicon.yaml', knowledgeBaseDirectory);
  return existsSync(path) ? readYamlFile(path, LexiconSchema, []) : [];
}

/** A stand-in the lexicon gives a question word: the base's word, and the language it is written in. */
export interface StandIn {
  word: string;
  lang: Lang;
}

interface CompiledEntry {
  /** The entry's words, normalised, without stop words (a phrase has several). */
  words: string[];
  means: StandIn[];
}

/**
 * The entries by the word they start with, so that a question looks up its own words instead of
 * comparing each with every entry (~1,200 of them: that scan cost a tenth of a turn's CPU). A lexicon
 * word matches a question word written the same or sharing a light-stem key in the question's
 * language, so each entry is filed under its first word and under that word's keys per language.
 */
interface LexiconIndex {
  byWord: Map<string, CompiledEntry[]>;
  byStem: Record<Lang, Map<string, CompiledEntry[]>>;
}

const compiled = new WeakMap<Lexicon, LexiconIndex>();

function file(map: Map<string, CompiledEntry[]>, key: string, entry: CompiledEntry): void {
  const list = map.get(key);
  if (!list) map.set(key, [entry]);
  else if (!list.includes(entry)) list.push(entry);
}

function compile(lexicon: Lexicon): LexiconIndex {
  let index = compiled.get(lexicon);
  if (index) return index;
  index = { byWord: new Map(), byStem: { ro: new Map(), en: new Map(), hu: new Map() } };
  for (const group of lexicon) {
    const means = (['ro', 'en', 'hu'] as const).flatMap((lang) =>
      tokenize(group.means[lang]).map((word) => ({ word, lang })),
    );
    for (const written of group.words) {
      const words = tokenize(written).filter((word) => !isStopword(word));
      if (words.length === 0) continue;
      const entry = { words, means };
      file(index.byWord, words[0], entry);
      for (const lang of ['ro', 'en', 'hu'] as const)
        for (const key of keysOf(words[0], lang)) file(index.byStem[lang], key, entry);
    }
  }
  compiled.set(lexicon, index);
  return index;
}

/** The entries whose first word is this question word (written the same or sharing a stem key). */
function entriesStartingWith(index: LexiconIndex, question: QuestionWord, lang: Lang): CompiledEntry[] {
  const found = [...(index.byWord.get(question.word) ?? [])];
  for (const stem of question.stems)
    for (const entry of index.byStem[lang].get(stem) ?? []) if (!found.includes(entry)) found.push(entry);
  return found;
}

const keyMemo = new Map<string, ReadonlySet<string>>();

/** A lexicon word's light-stem keys in the question's language (as the question word's own). */
function keysOf(word: string, lang: Lang): ReadonlySet<string> {
  const id = `${lang}:${word}`;
  let keys = keyMemo.get(id);
  if (!keys) {
    keys = new Set(stemKeys(word, [lang]));
    keyMemo.set(id, keys);
  }
  return keys;
}

function sameWord(question: QuestionWord, word: string, lang: Lang): boolean {
  if (question.word === word) return true;
  const keys = keysOf(word, lang);
  return question.stems.some((stem) => keys.has(stem));
}

/**
 * The stand-ins of each question word the lexicon knows (index into `words` → the base's words): a
 * single-word entry for a word in `eligible` (one the base lacks or holds in very few procedures),
 * a phrase ("council tax", "registry office") for each of its words wherever it occurs whole and in
 * order among the question's words, known to the base or not.
 */
export function lexiconStandIns(
  lexicon: Lexicon,
  words: QuestionWord[],
  lang: Lang,
  eligible: (index: number) => boolean,
): Map<number, StandIn[]> {
  const found = new Map<number, StandIn[]>();
  const add = (index: number, means: StandIn[]) => {
    const list = found.get(index) ?? [];
    for (const item of means)
      if (!list.some((known) => known.word === item.word && known.lang === item.lang)) list.push(item);
    found.set(index, list);
  };
  const index = compile(lexicon);
  const starting = words.map((question) => entriesStartingWith(index, question, lang));
  // Phrases first: a word that is part of one ("maternity leave") takes the phrase's sense only.
  const inPhrase = new Set<number>();
  starting.forEach((entries, start) => {
    for (const entry of entries) {
      if (entry.words.length === 1 || start + entry.words.length > words.length) continue;
      if (!entry.words.every((word, k) => k === 0 || sameWord(words[start + k], word, lang))) continue;
      for (let k = 0; k < entry.words.length; k++) {
        add(start + k, entry.means);
        inPhrase.add(start + k);
      }
    }
  });
  starting.forEach((entries, position) => {
    if (inPhrase.has(position) || !eligible(position)) return;
    for (const entry of entries) if (entry.words.length === 1) add(position, entry.means);
  });
  return found;
}

/**
 * Whether the lexicon holds this question word as a one-word entry (written the same or inflected):
 * such a word is a whole word a citizen uses ("pénztárcámat", "tűzifát"), not a compound to split
 * into parts that the base happens to hold ("pénztár" + "camat").
 */
export function lexiconKnowsWord(lexicon: Lexicon, question: QuestionWord, lang: Lang): boolean {
  if (lexicon.length === 0) return false;
  return entriesStartingWith(compile(lexicon), question, lang).some((entry) => entry.words.length === 1);
}
