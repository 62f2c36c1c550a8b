import type { Database } from '../../storage/database.js';
import type { QuestionWord } from './question-words.js';
import type { RetrievalConfig } from './retrieval-config.js';
import type { VocabularySnapshot } from './vocabulary-snapshot.js';

/** A lexeme to look for on behalf of question word `i`, and how much a match counts (0–1). */
export interface SearchTerm {
  i: number;
  lexeme: string;
  weight: number;
  /** `stem`: the word or one of its inflected forms; `typo`: a vocabulary word close by trigrams. */
  kind: 'stem' | 'typo';
  /** How many procedures contain the vocabulary word this lexeme came from (knowledge_words). */
  procedures: number;
}

/**
 * Resolves question words against the vocabulary (one round trip, two when a word is unknown): every indexed word sharing a
 * light-stem key (inflections), and — only for words the base does not contain at all, i.e. probable
 * typos — the closest vocabulary words by trigram similarity (pg_trgm, GIN index on one short word).
 * Trigrams find the candidates; the edit distance decides, because a swapped pair of letters
 * ("urbansim") shares few trigrams with the right word but is a single edit away.
 */
export async function resolveTerms(
  database: Database,
  words: QuestionWord[],
  config: RetrievalConfig['lexical'],
  vocabulary?: VocabularySnapshot,
): Promise<{ terms: SearchTerm[]; total: number }> {
  if (words.length === 0) return { terms: [], total: 0 };
  const family = vocabulary
    ? familyInMemory(vocabulary, words)
    : (
        await database.query<TermRow>(
          `SELECT q.i::int AS i, 'stem' AS kind, w.word, w.lexeme, w.procedures,
                  CASE WHEN w.word = q.word THEN 1 ELSE 0 END::float8 AS similarity,
                  (SELECT procedures FROM knowledge_state) AS total
           FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS q(word, stems, i)
           JOIN knowledge_words w ON w.stems && string_to_array(q.stems, ' ')`,
          [words.map((word) => word.word), words.map((word) => word.stems.join(' '))],
        )
      ).rows;
  const found = new Set(family.map((row) => row.i));
  const unknown = words
    .map((word, index) => ({ ...word, i: index + 1 }))
    .filter((word) => !found.has(word.i) && word.word.length >= config.fuzzyMinWordLength);
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
  const rows = [...family, ...typos];
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
  const corrections = new Map<number, Array<{ lexeme: string; weight: number; procedures: number }>>();
  for (const row of rows) {
    // Lexemes are made of [a-z0-9] only (from normalised words); anything else is not a safe tsquery.
    if (!/^[a-z0-9]+$/.test(row.lexeme)) continue;
    const i = row.i - 1;
    if (row.kind === 'stem') {
      const weight = row.similarity === 1 ? 1 : config.stemWeight;
      keep({ i, lexeme: row.lexeme, weight, kind: 'stem', procedures: row.procedures });
      continue;
    }
    const question = words[i].word;
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
  return { terms: [...best.values()], total: rows[0]?.total ?? 0 };
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
