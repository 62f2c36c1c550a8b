import { LANGS, type Lang } from '../../language.js';
import type { Transaction } from '../../storage/database.js';
import { accentedTokens, foldWord } from '../../text/normalize.js';
import type { ProcedureChunk } from './chunk-procedure.js';
import { stemKeys } from '../words/light-stemmer.js';
import { isStopword } from '../words/stopwords.js';

/**
 * The distinct meaningful words of a procedure, by the language of the chunk they appear in, as
 * written (lower case, diacritics kept: the Snowball stems are taken on the written form; the
 * vocabulary folds them into its normalised words).
 */
export type ProcedureWords = Record<Lang, string[]>;

export function procedureWords(chunks: ProcedureChunk[]): ProcedureWords {
  const words = { ro: new Set<string>(), en: new Set<string>(), hu: new Set<string>() };
  for (const chunk of chunks) {
    // The keywords are one list in all three languages ("buletin", "id card", "személyi"): each of
    // their words is stemmed as a word of every language, as the conversation step's index does.
    const langs = chunk.field === 'keywords' ? LANGS : [chunk.lang];
    for (const { word, accented } of accentedTokens(chunk.content)) {
      if (word.length < 2 || isStopword(word)) continue;
      for (const lang of langs) words[lang].add(accented);
    }
  }
  return { ro: [...words.ro].sort(), en: [...words.en].sort(), hu: [...words.hu].sort() };
}

/**
 * Rebuilds `knowledge_words` from every indexed procedure's words: each normalised word with the
 * lexeme the full-text index holds it as, its stem keys (from every written form of it, in the
 * languages each was seen in), and how many procedures contain it. Runs inside the ingestion
 * transaction, after the procedures were written.
 */
export async function rebuildVocabulary(tx: Transaction): Promise<number> {
  const { rows } = await tx.query<{ words: ProcedureWords }>('SELECT words FROM knowledge_procedures');
  const vocabulary = new Map<string, { procedures: number; stems: Set<string> }>();
  for (const { words } of rows) {
    const inProcedure = new Map<string, Set<string>>();
    for (const lang of LANGS) {
      for (const written of words[lang] ?? []) {
        const word = foldWord(written);
        const stems = inProcedure.get(word) ?? new Set<string>();
        for (const key of stemKeys(written, [lang])) stems.add(key);
        inProcedure.set(word, stems);
      }
    }
    for (const [word, stems] of inProcedure) {
      const entry = vocabulary.get(word) ?? { procedures: 0, stems: new Set<string>() };
      entry.procedures += 1;
      for (const key of stems) entry.stems.add(key);
      vocabulary.set(word, entry);
    }
  }
  await tx.query('DELETE FROM knowledge_words');
  const entries = [...vocabulary.entries()];
  const batch = 5_000;
  for (let start = 0; start < entries.length; start += batch) {
    const slice = entries.slice(start, start + batch);
    await tx.query(
      `INSERT INTO knowledge_words (word, lexeme, stems, procedures)
       SELECT u.word,
              coalesce((SELECT min(t.lexeme) FROM unnest(to_tsvector('ro_unaccent', u.word)) AS t), u.word),
              string_to_array(u.stems, ' '),
              u.procedures
       FROM unnest($1::text[], $2::text[], $3::int[]) AS u(word, stems, procedures)`,
      [
        slice.map(([word]) => word),
        slice.map(([, entry]) => [...entry.stems].sort().join(' ')),
        slice.map(([, entry]) => entry.procedures),
      ],
    );
  }
  return entries.length;
}
