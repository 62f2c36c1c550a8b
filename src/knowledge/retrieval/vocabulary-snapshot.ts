import type { Queryable } from '../../storage/database.js';

/** One vocabulary word (knowledge_words) as the stem lookup needs it. */
export interface VocabularyEntry {
  word: string;
  lexeme: string;
  procedures: number;
}

/**
 * The vocabulary (word → lexeme, light-stem keys, procedure count) held in the process, so that a turn
 * resolves its words without a query. It changes only on ingestion (docs/adr/0006-knowledge-cache.md):
 * the knowledge cache replaces the whole snapshot when the index announces a new version.
 */
export class VocabularySnapshot {
  private constructor(
    private readonly byStem: Map<string, VocabularyEntry[]>,
    /** Procedures in the index (knowledge_state), null before the first ingestion. */
    readonly total: number | null,
    readonly words: number,
  ) {}

  static async load(queryable: Queryable): Promise<VocabularySnapshot> {
    const [{ rows }, state] = await Promise.all([
      queryable.query<{ word: string; lexeme: string; procedures: number; stems: string[] }>(
        'SELECT word, lexeme, procedures, stems FROM knowledge_words',
      ),
      queryable.query<{ procedures: number }>('SELECT procedures FROM knowledge_state'),
    ]);
    const byStem = new Map<string, VocabularyEntry[]>();
    for (const row of rows) {
      const entry = { word: row.word, lexeme: row.lexeme, procedures: row.procedures };
      for (const stem of new Set(row.stems)) {
        const list = byStem.get(stem) ?? [];
        list.push(entry);
        byStem.set(stem, list);
      }
    }
    return new VocabularySnapshot(byStem, state.rows[0]?.procedures ?? null, rows.length);
  }

  /** The vocabulary words sharing at least one light-stem key with `stems` (SQL: `stems && $1`). */
  family(stems: string[]): VocabularyEntry[] {
    const found = new Set<VocabularyEntry>();
    for (const stem of stems) for (const entry of this.byStem.get(stem) ?? []) found.add(entry);
    return [...found];
  }

  /** Whether some vocabulary word has one of these keys (`family(stems).length > 0`, without building it). */
  knows(stems: string[]): boolean {
    return stems.some((stem) => this.byStem.has(stem));
  }
}
