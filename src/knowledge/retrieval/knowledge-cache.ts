import type { Database } from '../../storage/database.js';
import type { IndexedKnowledgeCatalog } from '../knowledge-catalog.js';
import { ChunkIndex } from './chunk-index.js';
import { KNOWLEDGE_CHANNEL } from './knowledge-channel.js';
import { VocabularySnapshot } from './vocabulary-snapshot.js';

/**
 * Up to this many indexed procedures the vocabulary and the chunks (lexeme positions, embeddings) are
 * held in the process. The real base has ~100 procedures, ~8,000 vocabulary words and ~2,700 chunks
 * (a few MB); 2,000 procedures are ~55,000 chunks, ~55 MB of float4 embeddings plus the postings, per
 * instance, while the 10,000-procedure benchmark base (bench:retrieval) keeps PostgreSQL as the only copy.
 */
export const KNOWLEDGE_CACHE_MAX_PROCEDURES = 2_000;

export interface KnowledgeCacheOptions {
  database: Database;
  catalog: IndexedKnowledgeCatalog;
  /**
   * Above this many indexed procedures the vocabulary is not held in the process and every turn asks
   * the database, the index of record (docs/adr/0006-knowledge-cache.md says why this bound).
   */
  maxProcedures: number;
  onError?: (error: unknown) => void;
}

/**
 * What a turn reads that changes only on ingestion, held in this process: the indexed procedures (the
 * catalog, which composing answers and rank-passages read) and the vocabulary the question's words are
 * resolved against. Every instance listens on KNOWLEDGE_CHANNEL and reloads when an ingestion commits,
 * and reloads unconditionally after its LISTEN connection was re-established (a notification may have
 * been lost in the gap).
 */
export class KnowledgeCache {
  private snapshot: { vocabulary: VocabularySnapshot; chunks: ChunkIndex } | undefined;
  private reloading: Promise<void> | undefined;
  private again = false;
  private unlisten: (() => Promise<void>) | undefined;
  private loads = 0;

  constructor(private readonly options: KnowledgeCacheOptions) {}

  /** Loads the cache and starts listening for re-indexes. */
  async start(): Promise<void> {
    // Listen first: an ingestion committing between the load and the LISTEN is then not missed.
    this.unlisten ??= await this.options.database.listen(KNOWLEDGE_CHANNEL, () => this.invalidate(), {
      onResubscribed: () => this.invalidate(),
    });
    await this.reload();
  }

  async stop(): Promise<void> {
    const unlisten = this.unlisten;
    this.unlisten = undefined;
    if (unlisten) await unlisten();
    await this.reloading;
  }

  /** The in-process vocabulary, or undefined when the base is too large for it (ask the database). */
  vocabulary(): VocabularySnapshot | undefined {
    return this.snapshot?.vocabulary;
  }

  /** The in-process chunks, or undefined when the base is too large for them (match in the database). */
  chunks(): ChunkIndex | undefined {
    return this.snapshot?.chunks;
  }

  /** How many times the cache was (re)loaded: for tests and diagnostics. */
  get generation(): number {
    return this.loads;
  }

  /**
   * Reloads now (or once more after the reload under way, which may have read the index before the
   * change that caused this call). Resolves when the cache reflects the index as of this call.
   */
  invalidate(): Promise<void> {
    if (this.reloading) {
      this.again = true;
      return this.reloading;
    }
    return this.reload();
  }

  private reload(): Promise<void> {
    this.reloading = (async () => {
      do {
        this.again = false;
        try {
          await this.load();
        } catch (error) {
          // The previous cache stays; the next notification (or re-subscription) tries again.
          this.options.onError?.(error);
        }
      } while (this.again);
    })().finally(() => {
      this.reloading = undefined;
    });
    return this.reloading;
  }

  private async load(): Promise<void> {
    const { database, catalog, maxProcedures } = this.options;
    const { rows } = await database.query<{ procedures: number }>('SELECT procedures FROM knowledge_state');
    const procedures = rows[0]?.procedures ?? 0;
    const [snapshot, switchCatalog] = await Promise.all([
      procedures <= maxProcedures ? loadSnapshot(database) : undefined,
      catalog.prepareReload(database),
    ]);
    // Together, with no await between: a turn never sees the new catalog with the old chunks.
    switchCatalog();
    this.snapshot = snapshot;
    this.loads += 1;
  }
}

async function loadSnapshot(database: Database) {
  const [vocabulary, chunks] = await Promise.all([
    VocabularySnapshot.load(database),
    ChunkIndex.load(database),
  ]);
  return { vocabulary, chunks };
}
