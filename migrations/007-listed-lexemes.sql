-- 007: the steps and documents lists as lexemes instead of `listed` chunks.
-- The subject rule (src/knowledge/retrieval/rank-procedures.ts, isSubjectOf) only asks whether a
-- candidate's lists contain a question word. As chunks (INDEX_VERSION 6–7) the lists were two rows in
-- five of knowledge_chunks: the full-text channel's GIN scans and heap fetches grew by as much, the
-- HNSW graph held vectors nobody searched, and on the 10,000-procedure benchmark the retrieval p95 went
-- from 49 to 67 ms.

-- Each procedure's list lexemes (to_tsvector('ro_unaccent', …) of the normalised lists, the lexemes
-- the lexical queries use), written with the procedure, as its `words` are.
ALTER TABLE knowledge_procedures ADD COLUMN listed text[] NOT NULL DEFAULT '{}';

-- The same, inverted: one row per lexeme with the procedures that list it, rebuilt by every ingestion
-- from knowledge_procedures.listed (as knowledge_words is from `words`). A question word is one
-- primary-key lookup; (lexeme, procedure) rows would be one heap page per procedure instead.
CREATE TABLE knowledge_listed (
  lexeme text PRIMARY KEY,
  procedures integer[] NOT NULL
);

-- The chunks this replaces (the next ingestion re-indexes every procedure: INDEX_VERSION 8).
DELETE FROM knowledge_chunks WHERE field = 'listed';
