import type { Database } from '../../storage/database.js';
import type { QuestionWord } from './question-words.js';
import type { RetrievalConfig } from './retrieval-config.js';
import type { VocabularySnapshot } from './vocabulary-snapshot.js';
import {
  compoundPartCandidates,
  MIN_COMPOUND_PART,
  MIN_COMPOUND_WORD,
  splitCompound,
} from '../words/compound-split.js';
import { stemKeys } from '../words/light-stemmer.js';
import type { Lang } from '../../language.js';
import { lexiconKnowsWord, lexiconStandIns, type Lexicon } from './lexicon.js';

/** A lexeme to look for on behalf of question word `i`, and how much a match counts (0–1). */
export interface SearchTerm {
  i: number;
  lexeme: string;
  weight: number;
  /**
   * `stem`: the word or one of its inflected forms; `typo`: a vocabulary word close by trigrams;
   * `lexicon`: the base's word for an everyday one (lexicon.ts: "Skoda" → "mașină").
   */
  kind: 'stem' | 'typo' | 'lexicon';
  /** How many procedures contain the vocabulary word this lexeme came from (knowledge_words). */
  procedures: number;
}

/**
 * Resolves question words against the vocabulary (one round trip, more when a word is unknown): every indexed word sharing a
 * light-stem key (inflections); for a Hungarian word the base does not contain, the words of its
 * compound parts ("taxiengedely" → "taxi", "engedely"); and — only for words still unresolved, i.e.
 * probable typos — the closest vocabulary words by trigram similarity (pg_trgm, GIN index on one short word).
 * Trigrams find the candidates; the edit distance decides, because a swapped pair of letters
 * ("urbansim") shares few trigrams with the right word but is a single edit away.
 *
 * Before the trigrams, a word the everyday lexicon knows (lexicon.ts) — one the base lacks, or holds
 * in at most `lexiconMaxProcedures` procedures, or part of a lexicon phrase — is also looked for as
 * the base's words for the same thing, at `lexiconWeight`; an unknown word the lexicon resolves is
 * no typo and is not corrected.
 *
 * Returns the question's words as resolved — each split compound replaced by its parts — which the
 * terms' indices `i` refer to: the caller counts and matches those words, not the ones it passed;
 * and `standIns`, the lexicon's words in the question's language that were used (the vector channel
 * embeds them with the question).
 */
export async function resolveTerms(
  database: Database,
  words: QuestionWord[],
  config: RetrievalConfig['lexical'],
  vocabulary?: VocabularySnapshot,
  lexicon?: { entries: Lexicon; lang: Lang },
): Promise<{ terms: SearchTerm[]; total: number; words: QuestionWord[]; standIns: string[] }> {
  if (words.length === 0) return { terms: [], total: 0, words, standIns: [] };
  const family = await familyRows(database, words, vocabulary);
  const found = new Set(family.map((row) => row.i));
  const unfound = words
    .map((word, index) => ({ ...word, i: index + 1 }))
    .filter((word) => !found.has(word.i));
  // A word the lexicon knows whole is no compound: splitting "pénztárcámat" (wallet) into parts the
  // base holds ("pénztár", cash desk) would hide it from the lexicon, which only sees the parts.
  const splittable = lexicon
    ? unfound.filter((word) => !lexiconKnowsWord(lexicon.entries, word, lexicon.lang))
    : unfound;
  const compounds = await compoundParts(database, splittable, vocabulary);
  // A compound's parts take its place among the question's words, each a word of its own: a procedure
  // that has only "engedely" then covers only part of what "bontasiengedely" says (as the parts of one
  // word they would be alternatives, and any permit would match it whole), and neighbouring parts can
  // form a phrase. Indices are 1-based, as in the SQL.
  const resolved: QuestionWord[] = [];
  const newIndex = new Map<number, number>();
  const partIndex: number[] = [];
  words.forEach((word, index) => {
    const parts = compounds.filter((part) => part.i === index + 1);
    if (parts.length === 0) {
      resolved.push(word);
      newIndex.set(index + 1, resolved.length);
      return;
    }
    for (const part of parts) {
      resolved.push({ word: part.word, stems: part.stems });
      partIndex.push(resolved.length);
    }
  });
  for (const row of family) row.i = newIndex.get(row.i)!;
  const partRows = compounds.length === 0 ? [] : await familyRows(database, compounds, vocabulary);
  for (const row of partRows) row.i = partIndex[row.i - 1];
  const split = new Set(compounds.map((part) => part.i));
  const { rows: lexical, said } = lexicon
    ? await lexiconRows(database, resolved, [...family, ...partRows], lexicon, config, vocabulary)
    : { rows: [], said: [] };
  const standIn = new Set(lexical.map((row) => row.i));
  const unknown = unfound
    .filter((word) => !split.has(word.i) && word.word.length >= config.fuzzyMinWordLength)
    .map((word) => ({ ...word, i: newIndex.get(word.i)! }))
    .filter((word) => !standIn.has(word.i));
  const typos =
    unknown.length === 0
      ? []
      : (
          await database.query<TermRow>(
            `SELECT q.i::int AS i, 'typo' AS kind, t.word, t.lexeme, t.procedures, t.similarity,
                    (SELECT procedures FROM knowledge_state) AS total
             FROM unnest($1::text[], $2::int[]) AS q(word, i)
             CROSS JOIN LATERAL (
               SELECT w.word, w.lexeme, w.procedures, similarity(w.word, q.word)::float8 AS similarity
               FROM knowledge_words w
               WHERE w.word % q.word
               ORDER BY similarity DESC, w.procedures DESC
               LIMIT $3
             ) t`,
            [unknown.map((word) => word.word), unknown.map((word) => word.i), config.fuzzyMaxCandidates * 4],
          )
        ).rows;
  const rows = [...family, ...partRows, ...typos];
  const best = new Map<string, SearchTerm>();
  const keep = (term: SearchTerm) => {
    const key = `${term.i}:${term.lexeme}`;
    const known = best.get(key);
    if (!known || known.weight < term.weight) {
      best.set(key, { ...term, procedures: Math.max(term.procedures, known?.procedures ?? 0) });
    } else {
      known.procedures = Math.max(known.procedures, term.procedures);
    }
  };
  for (const row of lexical) {
    if (!isSafeLexeme(row.lexeme)) continue;
    keep({
      i: row.i - 1,
      lexeme: row.lexeme,
      weight: config.lexiconWeight,
      kind: 'lexicon',
      procedures: row.procedures,
    });
  }
  const corrections = new Map<number, Array<{ lexeme: string; weight: number; procedures: number }>>();
  for (const row of rows) {
    if (!isSafeLexeme(row.lexeme)) continue;
    const i = row.i - 1;
    if (row.kind === 'stem') {
      const weight = row.similarity === 1 ? 1 : config.stemWeight;
      keep({ i, lexeme: row.lexeme, weight, kind: 'stem', procedures: row.procedures });
      continue;
    }
    const question = resolved[i].word;
    const edits = editDistance(question, row.word);
    const closeness = Math.max(1 - edits / Math.max(question.length, row.word.length), row.similarity);
    if (edits <= allowedEdits(question.length) || row.similarity >= config.fuzzyMinSimilarity) {
      const list = corrections.get(i) ?? [];
      list.push({ lexeme: row.lexeme, weight: closeness * config.fuzzyWeight, procedures: row.procedures });
      corrections.set(i, list);
    }
  }
  for (const [i, list] of corrections) {
    list.sort((a, b) => b.weight - a.weight);
    for (const item of list.slice(0, config.fuzzyMaxCandidates)) keep({ i, ...item, kind: 'typo' });
  }
  return { terms: [...best.values()], total: rows[0]?.total ?? 0, words: resolved, standIns: said };
}

/**
 * The vocabulary words the lexicon's stand-ins resolve to, as rows of the question word (1-based `i`,
 * into `words`) they stand in for. A single word is eligible when the base lacks it or holds it in at
 * most `lexiconMaxProcedures` procedures (`rows`: its own stem rows).
 */
async function lexiconRows(
  database: Database,
  words: QuestionWord[],
  rows: TermRow[],
  lexicon: { entries: Lexicon; lang: Lang },
  config: RetrievalConfig['lexical'],
  vocabulary: VocabularySnapshot | undefined,
): Promise<{ rows: TermRow[]; said: string[] }> {
  if (lexicon.entries.length === 0) return { rows: [], said: [] };
  const spread = new Map<number, number>();
  for (const row of rows) spread.set(row.i - 1, Math.max(spread.get(row.i - 1) ?? 0, row.procedures));
  const standIns = lexiconStandIns(
    lexicon.entries,
    words,
    lexicon.lang,
    (index) => (spread.get(index) ?? 0) <= config.lexiconMaxProcedures,
  );
  if (standIns.size === 0) return { rows: [], said: [] };
  // Each stand-in is resolved once, in its own language, whichever question words it stands in for.
  const unique = new Map<string, QuestionWord>();
  for (const list of standIns.values())
    for (const { word, lang } of list) {
      const id = `${lang}:${word}`;
      // Only its own language's keys: "car" must not meet Romanian "care" through a Romanian key.
      if (!unique.has(id))
        unique.set(id, { word, stems: stemKeys(word, [lang]).filter((key) => OWN_KEYS[lang].test(key)) });
    }
  const ids = [...unique.keys()];
  const found = await familyRows(database, [...unique.values()], vocabulary);
  const byId = new Map<string, TermRow[]>();
  for (const row of found) {
    const id = ids[row.i - 1];
    // The word itself, not its light-stem family: "autó" must not bring "autor" along. Its lexeme
    // still matches the word's inflected forms in the chunks (the full-text stemmer).
    if (row.word !== unique.get(id)!.word) continue;
    byId.set(id, [...(byId.get(id) ?? []), row]);
  }
  const result: TermRow[] = [];
  const said = new Set<string>();
  for (const [index, list] of standIns)
    for (const { word, lang } of list) {
      const found = byId.get(`${lang}:${word}`) ?? [];
      for (const row of found) result.push({ ...row, i: index + 1 });
      if (found.length > 0 && lang === lexicon.lang) said.add(word);
    }
  return { rows: result, said: [...said] };
}

/** Lexemes are made of [a-z0-9] only (from normalised words); anything else is not a safe tsquery. */
function isSafeLexeme(lexeme: string): boolean {
  return /^[a-z0-9]+$/.test(lexeme);
}

/** The stem-key tags of each language (light-stemmer.ts: `ro:`; `en:`, `es:`; `hu:`, `hs:`, `hv:`). */
const OWN_KEYS: Record<Lang, RegExp> = { ro: /^ro:/, en: /^e[ns]:/, hu: /^h[usv]:/ };

/** Every indexed word sharing a light-stem key with a question word (its inflected forms). */
async function familyRows(
  database: Database,
  words: QuestionWord[],
  vocabulary: VocabularySnapshot | undefined,
): Promise<TermRow[]> {
  if (vocabulary) return familyInMemory(vocabulary, words);
  const { rows } = await database.query<TermRow>(
    `SELECT q.i::int AS i, 'stem' AS kind, w.word, w.lexeme, w.procedures,
            CASE WHEN w.word = q.word THEN 1 ELSE 0 END::float8 AS similarity,
            (SELECT procedures FROM knowledge_state) AS total
     FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS q(word, stems, i)
     JOIN knowledge_words w ON w.stems && string_to_array(q.stems, ' ')`,
    [words.map((word) => word.word), words.map((word) => word.stems.join(' '))],
  );
  return rows;
}

/**
 * The parts of the Hungarian question words the base does not contain that are compounds of words it
 * does ("taxiengedely" → "taxi", "engedely": compound-split.ts), each as a question word of its own
 * with `i`, the 1-based index of the compound it comes from. A word counts as Hungarian when it was
 * stemmed by the Hungarian rules (its `hu:` key): Romanian and English do not write compounds as one word.
 */
async function compoundParts(
  database: Database,
  unfound: Array<QuestionWord & { i: number }>,
  vocabulary: VocabularySnapshot | undefined,
): Promise<Array<QuestionWord & { i: number }>> {
  const hungarian = unfound.filter(
    (word) => word.word.length >= MIN_COMPOUND_WORD && word.stems.some((stem) => stem.startsWith('hu:')),
  );
  if (hungarian.length === 0) return [];
  const keysOf = (part: string) => stemKeys(part, ['hu']);
  // A part is known by a stem at least as long as a part: an ending taken for a part ("edesany" +
  // "ammal", whose Snowball stem is "am") would otherwise meet any two-letter word of the base.
  const trustedKeysOf = (part: string) =>
    keysOf(part).filter((key) => key.length - key.indexOf(':') - 1 >= MIN_COMPOUND_PART);
  let isKnown: (part: string) => boolean;
  if (vocabulary) {
    isKnown = (part) => vocabulary.knows(trustedKeysOf(part));
  } else {
    // One round trip for every part any split could ask about (a word of n letters has under n² of them).
    const keys = [
      ...new Set(hungarian.flatMap((word) => compoundPartCandidates(word.word).flatMap(trustedKeysOf))),
    ];
    const { rows } = await database.query<{ key: string }>(
      `SELECT k.key FROM unnest($1::text[]) AS k(key)
       WHERE EXISTS (SELECT 1 FROM knowledge_words w WHERE w.stems && ARRAY[k.key])`,
      [keys],
    );
    const known = new Set(rows.map((row) => row.key));
    isKnown = (part) => trustedKeysOf(part).some((key) => known.has(key));
  }
  return hungarian.flatMap((word) =>
    (splitCompound(word.word, isKnown) ?? []).map((part) => ({ word: part, stems: keysOf(part), i: word.i })),
  );
}

/** The same rows as the stem query above, from the in-process vocabulary (no round trip). */
function familyInMemory(vocabulary: VocabularySnapshot, words: QuestionWord[]): TermRow[] {
  return words.flatMap((question, index) =>
    vocabulary.family(question.stems).map((entry): TermRow => ({
      i: index + 1,
      kind: 'stem',
      word: entry.word,
      lexeme: entry.lexeme,
      procedures: entry.procedures,
      similarity: entry.word === question.word ? 1 : 0,
      // As the SQL's scalar subquery: null when nothing is indexed (the caller reads `?? 0`).
      total: vocabulary.total,
    })),
  );
}

/** Typos tolerated: one in a word of 5–8 letters, two in a longer one (shorter words are not corrected). */
function allowedEdits(length: number): number {
  return length <= 4 ? 0 : length <= 8 ? 1 : 2;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

interface TermRow {
  /** 1-based question word index (SQL ordinality). */
  i: number;
  kind: 'stem' | 'typo';
  word: string;
  lexeme: string;
  procedures: number;
  similarity: number;
  /** Procedures in the index; null (SQL NULL) before the first ingestion. */
  total: number | null;
}
