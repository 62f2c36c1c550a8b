import type { CallbackManagerForRetrieverRun } from '@langchain/core/callbacks/manager';
import { Document } from '@langchain/core/documents';
import { BaseRetriever, type BaseRetrieverInput } from '@langchain/core/retrievers';
import type { Embeddings } from '@langchain/core/embeddings';
import type { Database } from '../../storage/database.js';
import type { Lang } from '../../language.js';
import { questionWords, type QuestionWord } from './question-words.js';
import { decide, rankProcedures, withTitleCoverage, type RankedCandidate } from './rank-procedures.js';
import type {
  ProcedureRetrieval,
  RetrievalResult,
  RetrievedChunk,
  SearchOptions,
} from '../retrieval-contract.js';
import type { RetrievalConfig } from './retrieval-config.js';
import { sqlChannels, type KnowledgeChannels } from './knowledge-channels.js';
import { phraseQueries, wordQueries, type LexicalQuery } from './lexical-matching.js';
import { resolveTerms, type SearchTerm } from './resolve-terms.js';
import { askedStems, coverageOfNames } from './title-coverage.js';
import { contextIndices, contextWords, withoutContext } from './context-words.js';
import type { VocabularySnapshot } from './vocabulary-snapshot.js';

export interface HybridRetrieverOptions extends BaseRetrieverInput {
  database: Database;
  embeddings: Embeddings;
  config: RetrievalConfig;
  /**
   * The in-process vocabulary when the knowledge cache holds one (docs/adr/0006-knowledge-cache.md);
   * undefined, or absent, resolves words with a query.
   */
  vocabulary?: () => VocabularySnapshot | undefined;
  /**
   * The in-process chunk index when the knowledge cache holds one (a small base: ChunkIndex); undefined,
   * or absent, matches the chunks in PostgreSQL.
   */
  chunks?: () => KnowledgeChannels | undefined;
}

/** Metadata of each LangChain Document the retriever returns (one per matched chunk). */
export interface ProcedureDocumentMetadata {
  slug: string;
  section: string;
  rank: number;
  score: number;
  confidence: number;
  ambiguous: boolean;
}

/**
 * The hybrid retriever: full-text (Romanian stems over unaccented text), trigram typo correction and
 * vector similarity, fused per procedure (rank-procedures.ts), with a calibrated confidence, a decline
 * when nothing matches well enough and an ambiguity flag when two procedures are equally likely.
 *
 * The dialogue uses `search()` (the ProcedureRetrieval contract); LangChain chains use it as a
 * BaseRetriever (`invoke(question)` → Documents, nothing when declined).
 */
export class HybridRetriever extends BaseRetriever<ProcedureDocumentMetadata> implements ProcedureRetrieval {
  lc_namespace = ['antonia', 'knowledge', 'retrievers'];

  private readonly database: Database;
  private readonly embeddings: Embeddings;
  private readonly config: RetrievalConfig;
  private readonly vocabulary: () => VocabularySnapshot | undefined;
  private readonly chunks: () => KnowledgeChannels | undefined;
  private readonly sql: KnowledgeChannels;

  constructor(options: HybridRetrieverOptions) {
    // Only LangChain's own fields: the rest (a database connection) must not end up in lc_kwargs.
    const { callbacks, tags, metadata, verbose } = options;
    super({ callbacks, tags, metadata, verbose });
    this.database = options.database;
    this.embeddings = options.embeddings;
    this.config = options.config;
    this.vocabulary = options.vocabulary ?? (() => undefined);
    this.chunks = options.chunks ?? (() => undefined);
    this.sql = sqlChannels(options.database);
  }

  /**
   * Where this question's chunks are matched: in the process when the knowledge cache holds the base's
   * chunks, otherwise in PostgreSQL (a large base, or no cache). Chosen once per question, so a re-index
   * during a turn cannot mix two indexes (docs/adr/0006-knowledge-cache.md).
   */
  private channels(): KnowledgeChannels {
    return this.chunks() ?? this.sql;
  }

  async search(question: string, options: SearchOptions = {}): Promise<RetrievalResult> {
    const started = performance.now();
    const lang = options.lang ?? 'ro';
    const limit = options.limit ?? this.config.results.limit;
    const channels = this.channels();
    const ranking = await this.rank(question, lang, channels);
    const done = (result: Omit<RetrievalResult, 'tookMs'>): RetrievalResult => ({
      ...result,
      tookMs: performance.now() - started,
    });
    const decision = decide(ranking.candidates, this.config);
    if (decision.declined) return done({ procedures: [], ...decision });

    const chosen = ranking.candidates.slice(0, limit);
    const rows = await channels.procedureChunks(
      chosen.map((candidate) => candidate.procedureId),
      ranking.lexemes,
      ranking.embedding,
      lang,
      this.config.results.chunksPerProcedure,
    );
    const slugs = new Map<number, string>();
    const chunks = new Map<number, RetrievedChunk[]>();
    for (const row of rows) {
      slugs.set(row.procedure_id, row.slug);
      const list = chunks.get(row.procedure_id) ?? [];
      if (row.section !== null && row.content !== null)
        list.push({ section: row.section, text: row.content });
      chunks.set(row.procedure_id, list);
    }
    return done({
      procedures: chosen
        .filter((candidate) => slugs.has(candidate.procedureId))
        .map((candidate) => ({
          slug: slugs.get(candidate.procedureId)!,
          score: candidate.score,
          confidence: candidate.confidence,
          chunks: chunks.get(candidate.procedureId) ?? [],
        })),
      ...decision,
    });
  }

  /**
   * The fused candidates before any decision, with the signals the confidence is computed from:
   * for calibration and diagnosis (`npm run eval -- --calibrate`), not for answering.
   */
  async candidates(question: string, lang: Lang = 'ro'): Promise<Array<RankedCandidate & { slug: string }>> {
    const { candidates } = await this.rank(question, lang, this.channels());
    if (candidates.length === 0) return [];
    const { rows } = await this.database.query<{ id: number; slug: string }>(
      'SELECT id, slug FROM knowledge_procedures WHERE id = ANY($1::int[])',
      [candidates.map((candidate) => candidate.procedureId)],
    );
    const slugs = new Map(rows.map((row) => [row.id, row.slug]));
    return candidates.map((candidate) => ({ ...candidate, slug: slugs.get(candidate.procedureId) ?? '?' }));
  }

  private async rank(
    question: string,
    lang: Lang,
    channels: KnowledgeChannels,
  ): Promise<{ candidates: RankedCandidate[]; lexemes: string[]; embedding: number[] }> {
    const asked = questionWords(question, lang, this.config.lexical.maxQueryWords);
    // Only stop words ("buna ziua", "ce?"): nothing to look for.
    if (asked.length === 0) return { candidates: [], lexemes: [], embedding: [] };
    // `words`: as resolved, a Hungarian compound split into its parts (resolve-terms.ts).
    const known = contextWords(this.config);
    const plain = withoutContext(question, known);
    const [{ terms, total, words, standIns }, asWritten] = await Promise.all([
      resolveTerms(this.database, asked, this.config.lexical, this.vocabulary(), {
        entries: this.config.lexicon,
        lang,
      }),
      this.embeddings.embedQuery(plain),
    ]);
    // Everyday words the lexicon stood in for ("Skoda", "swimming pool") are embedded with the base's
    // words for them too (lexicon.ts): the closest chunk is then one about cars or building work. Only
    // for such questions is a second embedding computed.
    const embedding =
      standIns.length === 0 ? asWritten : await this.embeddings.embedQuery(`${plain} ${standIns.join(' ')}`);
    // Context words are looked up like the others (the passages quoted may contain them) but weigh only
    // for a procedure that names them, and so does a phrase they are part of (rank-procedures.ts).
    const context = contextIndices(words, known);
    const phrases = phraseQueries(terms, words.length);
    for (const phrase of phrases) if (phrase.words.some((i) => context.has(i))) context.add(phrase.i);
    const queries = [...wordQueries(terms), ...phrases];
    const { lexical, vector } = await this.match(channels, queries, terms, embedding, total);
    const shape = {
      wordCount: words.length,
      // Words the citizen did not write as such (a typo's correction, a lexicon stand-in) feed the
      // trigram channel; a word with a stem match of its own stays in the full-text one.
      typoWords: standInWords(terms),
      phraseCount: phrases.length,
      contextWords: context,
    };
    const leading = rankProcedures(shape, lexical, vector, this.config).slice(
      0,
      this.config.fusion.titleCandidates,
    );
    const candidates = withTitleCoverage(
      leading,
      await this.titleCoverages(channels, words, leading),
      this.config,
    ).slice(0, this.config.fusion.candidates);
    return { candidates, lexemes: [...new Set(terms.map((term) => term.lexeme))], embedding };
  }

  /** Title coverage (title-coverage.ts) of each candidate, from its titles in every language. */
  private async titleCoverages(
    channels: KnowledgeChannels,
    words: QuestionWord[],
    candidates: RankedCandidate[],
  ): Promise<Map<number, number>> {
    if (candidates.length === 0) return new Map();
    const names = await channels.procedureNames(candidates.map((candidate) => candidate.procedureId));
    const asked = askedStems(words);
    return new Map([...names].map(([id, stemmed]) => [id, coverageOfNames(asked, stemmed)]));
  }

  /**
   * Runs the lexical and vector channels. On a base where the question's words occur in few
   * procedures (the real one: always) the lexical matching is exact over the whole base. On a large
   * base where they would match thousands, it works in two passes: the rarer words and the vectors
   * choose candidates, then every word is matched within them, with document frequencies estimated
   * from the vocabulary (docs/adr/0001-retrieval.md).
   */
  private async match(
    channels: KnowledgeChannels,
    queries: LexicalQuery[],
    terms: SearchTerm[],
    embedding: number[],
    total: number,
  ) {
    const frequency = new Map<number, number>();
    for (const term of terms) frequency.set(term.i, Math.max(frequency.get(term.i) ?? 0, term.procedures));
    const words = [...frequency.keys()];
    const workload = words.reduce((sum, i) => sum + (frequency.get(i) ?? 0), 0);
    const { exactBudget, exactMaxProcedures, candidateBudget, candidateLimit } = this.config.lexical;
    if (total <= exactMaxProcedures || workload <= exactBudget) {
      const [lexical, vector] = await Promise.all([
        channels.matchLexical(queries, this.config.fieldWeights),
        channels.matchVector(embedding, this.config.vector),
      ]);
      return { lexical, vector };
    }
    const selective = new Set<number>();
    let budget = 0;
    for (const i of words.sort((a, b) => (frequency.get(a) ?? 0) - (frequency.get(b) ?? 0))) {
      budget += frequency.get(i) ?? 0;
      if (selective.size > 0 && budget > candidateBudget) break;
      selective.add(i);
    }
    const [vector, candidates] = await Promise.all([
      channels.matchVector(embedding, this.config.vector),
      channels.lexicalCandidates(
        queries.filter((query) => query.words.length === 1 && selective.has(query.i)),
        this.config.fieldWeights,
        candidateLimit,
      ),
    ]);
    const documentFrequency = new Map<number, number>();
    for (const query of queries) {
      documentFrequency.set(query.i, Math.min(...query.words.map((i) => frequency.get(i) ?? 0)));
    }
    const lexical = await channels.matchLexical(queries, this.config.fieldWeights, {
      within: [...new Set([...candidates, ...vector.map((match) => match.procedureId)])],
      documentFrequency,
      total,
    });
    return { lexical, vector };
  }

  override async _getRelevantDocuments(
    query: string,
    _runManager?: CallbackManagerForRetrieverRun,
  ): Promise<Document<ProcedureDocumentMetadata>[]> {
    const result = await this.search(query);
    return result.procedures.flatMap((procedure, rank) =>
      procedure.chunks.map(
        (chunk) =>
          new Document<ProcedureDocumentMetadata>({
            pageContent: chunk.text,
            metadata: {
              slug: procedure.slug,
              section: chunk.section,
              rank: rank + 1,
              score: procedure.score,
              confidence: procedure.confidence,
              ambiguous: result.ambiguous,
            },
          }),
      ),
    );
  }
}

/** Question words found only through corrections or lexicon stand-ins (no stem match of their own). */
function standInWords(terms: SearchTerm[]): Set<number> {
  const own = new Set(terms.filter((term) => term.kind === 'stem').map((term) => term.i));
  return new Set(terms.filter((term) => !own.has(term.i)).map((term) => term.i));
}
