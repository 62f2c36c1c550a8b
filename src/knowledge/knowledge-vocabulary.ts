import { LANGS, type Lang } from '../language.js';
import type { Transaction } from '../storage/database.js';
import { tokenize } from '../text/normalize.js';
import type { ProcedureChunk } from './chunk-procedure.js';
import { stemKeys } from './light-stemmer.js';
import { isStopword } from './stopwords.js';

/** The distinct meaningful words of a procedure, by the language of the chunk they appear in. */
export type ProcedureWords = Record<Lang, string[]>;

export function procedureWords(chunks: ProcedureChunk[]): ProcedureWords {
  const words = { ro: new Set<string>(), en: new Set<string>(), hu: new Set<string>() };
  for (const chunk of chunks) {
    for (const word of tokenize(chunk.content)) {
      if (word.length >= 2 && !isStopword(word)) words[chunk.lang].add(word);
    }
  }
  return { ro: [...words.ro].sort(), en: [...words.en].sort(), hu: [...words.hu].sort() };
}

/**
 * Rebuilds `knowledge_words` from every indexed procedure's words: each word with the lexeme the
 * full-text index holds it as, its light-stem keys (in the languages it was seen in), and how many
 * procedures contain it. Runs inside the ingestion transaction, after the procedures were written.
 */
export async function rebuildVocabulary(tx: Transaction): Promise<number> {
  const { rows } = await tx.query<{ words: ProcedureWords }>('SELECT words FROM knowledge_procedures');
  const vocabulary = new Map<string, { procedures: number; langs: Set<Lang> }>();
  for (const { words } of rows) {
    const inProcedure = new Map<string, Set<Lang>>();
    for (const lang of LANGS) {
      for (const word of words[lang] ?? []) {
        const langs = inProcedure.get(word) ?? new Set<Lang>();
        langs.add(lang);
        inProcedure.set(word, langs);
      }
    }
    for (const [word, langs] of inProcedure) {
      const entry = vocabulary.get(word) ?? { procedures: 0, langs: new Set<Lang>() };
      entry.procedures += 1;
      for (const lang of langs) entry.langs.add(lang);
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
        slice.map(([word, entry]) => stemKeys(word, entry.langs).join(' ')),
        slice.map(([, entry]) => entry.procedures),
      ],
    );
  }
  return entries.length;
}
