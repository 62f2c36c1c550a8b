import type { Lang } from '../language.js';
import type { Department } from './ingest/department-schema.js';
import type { Procedure } from './ingest/procedure-schema.js';

/**
 * What the knowledge layer offers the dialogue layer. The dialogue never queries tables itself.
 */
export interface RetrievedChunk {
  /** The section of the procedure file the chunk came from (e.g. "documents", "Pe scurt"). */
  section: string;
  text: string;
}

export interface RetrievedProcedure {
  slug: string;
  /** The fused ranking score (only comparable within one result). */
  score: number;
  /** Calibrated 0–1: how likely this procedure is what the citizen asks about. */
  confidence: number;
  chunks: RetrievedChunk[];
}

export interface RetrievalResult {
  /** Best first; empty when declined. */
  procedures: RetrievedProcedure[];
  /** Nothing matches well enough (out of scope): the dialogue declines instead of guessing. */
  declined: boolean;
  /** The top procedures are too close to choose (e.g. "certificat" alone): the dialogue asks which. */
  ambiguous: boolean;
  tookMs: number;
}

export interface SearchOptions {
  lang?: Lang;
  /** How many procedures to return at most (default from retrieval.yaml). */
  limit?: number;
}

export interface ProcedureRetrieval {
  search(question: string, options?: SearchOptions): Promise<RetrievalResult>;
}

/** The loaded knowledge base: structured fields used to compose answers and route handoffs. */
export interface KnowledgeCatalog {
  procedure(slug: string): Procedure | undefined;
  /**
   * Every procedure. The same array until the knowledge is re-indexed, then a new one: what is derived
   * from all of them (word indexes, street names) is cached by this array and so follows a re-index.
   */
  procedures(): readonly Procedure[];
  department(id: string): Department | undefined;
  departments(): Department[];
}
