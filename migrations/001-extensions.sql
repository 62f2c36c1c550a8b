-- 001: the extensions every later migration relies on.
--   vector    embeddings and HNSW indexes (pgvector)
--   pg_trgm   trigram similarity, for questions with typos
--   unaccent  diacritics-insensitive full-text search ("autorizatie" = "autorizație")
-- Fail fast, with the fix, when the server lacks one (pgvector is not part of stock PostgreSQL).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') THEN
    RAISE EXCEPTION 'pgvector is not installed on this PostgreSQL server: see README, section Production database';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
    RAISE EXCEPTION 'pg_trgm is not installed on this PostgreSQL server (package postgresql-contrib): see README, section Production database';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent') THEN
    RAISE EXCEPTION 'unaccent is not installed on this PostgreSQL server (package postgresql-contrib): see README, section Production database';
  END IF;
END
$$;

CREATE EXTENSION IF NOT EXISTS vector;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- Romanian stemming over unaccented words: "autorizației" and "autorizatie" meet at the same lexeme.
-- (unaccent() itself is not IMMUTABLE, so it cannot be used in a generated column; a text search
-- configuration can.)
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'ro_unaccent') THEN
    CREATE TEXT SEARCH CONFIGURATION ro_unaccent (COPY = romanian);
    ALTER TEXT SEARCH CONFIGURATION ro_unaccent
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, romanian_stem;
  END IF;
END
$$;
