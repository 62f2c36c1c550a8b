-- 003: the indexed knowledge base (written only by src/knowledge/ingest-knowledge-base.ts).
-- The Markdown files stay the source of truth; these tables are an index of them that ingestion keeps
-- in step, one transaction per run, incremental by content hash.

-- One row per procedure file. `document` is the whole validated procedure (front matter + body), so
-- the catalog the dialogue composes answers from is exactly what was indexed.
CREATE TABLE knowledge_procedures (
  id serial PRIMARY KEY,
  slug text NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('procedure', 'redirect')),
  department text NOT NULL,
  -- sha256 of the file: an unchanged file is skipped (no re-chunking, no re-embedding).
  content_hash text NOT NULL,
  document jsonb NOT NULL,
  -- Distinct normalised words of the procedure by language ({"ro": [...], "en": [...], "hu": [...]}),
  -- kept so the vocabulary can be rebuilt without re-reading unchanged files.
  words jsonb NOT NULL,
  ingested_at timestamptz NOT NULL DEFAULT now()
);

-- The retrievable pieces of a procedure: its titles, summaries, keywords and example questions in
-- every language, and the Markdown body split by section.
CREATE TABLE knowledge_chunks (
  id bigserial PRIMARY KEY,
  procedure_id integer NOT NULL REFERENCES knowledge_procedures (id) ON DELETE CASCADE,
  -- What the chunk is (title, summary, keywords, example, body): ranking weights are per field.
  field text NOT NULL,
  -- Where it came from, shown with the chunk (e.g. "Pe scurt", "Documente", "title").
  section text NOT NULL,
  lang text NOT NULL CHECK (lang IN ('ro', 'en', 'hu')),
  position integer NOT NULL,
  content text NOT NULL,
  -- The content normalised by src/text/normalize.ts (lower case, no diacritics, no punctuation), so
  -- the words the query side looks up are exactly the words indexed here.
  search_text text NOT NULL,
  -- Romanian stemming over unaccented words (configuration from migration 001). The `romanian`
  -- configuration has no stop words: the retriever removes them from questions itself.
  tsv tsvector GENERATED ALWAYS AS (to_tsvector('ro_unaccent', search_text)) STORED,
  -- The dimension follows EMBEDDINGS_DIMENSIONS / the provider: ingestion alters the column and
  -- rebuilds the index when it changes (knowledge_state records what the vectors were made with).
  embedding vector(256) NOT NULL
);
CREATE INDEX knowledge_chunks_procedure ON knowledge_chunks (procedure_id);
CREATE INDEX knowledge_chunks_tsv ON knowledge_chunks USING gin (tsv);
-- vector_cosine_ops: queries must order by the cosine distance operator `<=>`; with another operator
-- (`<->`, `<#>`) PostgreSQL cannot use this index and falls back to scanning every chunk.
CREATE INDEX knowledge_chunks_embedding ON knowledge_chunks USING hnsw (embedding vector_cosine_ops);

-- Every distinct word of the indexed text, with its full-text lexeme and light-stem keys. Questions are
-- matched word by word against it: exact words and stem families first, then trigram similarity for
-- words the base does not contain (typos). Trigram over whole questions and chunks is slow on PGlite;
-- one short word against a vocabulary is not.
CREATE TABLE knowledge_words (
  word text PRIMARY KEY,
  -- to_tsvector('ro_unaccent', word): what the word is indexed as in knowledge_chunks.tsv.
  lexeme text NOT NULL,
  -- Light-stemmer keys (src/knowledge/light-stemmer.ts) grouping inflected forms of the word.
  stems text[] NOT NULL,
  -- How many procedures contain the word (rarer words are more telling).
  procedures integer NOT NULL
);
CREATE INDEX knowledge_words_trgm ON knowledge_words USING gin (word gin_trgm_ops);
CREATE INDEX knowledge_words_stems ON knowledge_words USING gin (stems);

-- What the stored vectors were made with (one row). A different provider, model or dimension makes
-- the next ingestion re-embed every chunk, because vectors of different models are not comparable.
CREATE TABLE knowledge_state (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  embeddings_provider text NOT NULL,
  embeddings_model text NOT NULL,
  dimensions integer NOT NULL,
  -- Bumped when chunking or the vocabulary format changes, so an upgrade re-indexes everything.
  index_version integer NOT NULL,
  procedures integer NOT NULL,
  chunks integer NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
