-- A bot answer's row (sources, sections, meta) is often larger than the 2 kB at which PostgreSQL
-- compresses values, and every answer is written once: lz4 compresses several times faster than the
-- default pglz for about the same size. It changes only how new values are stored (no rewrite; old
-- values stay readable). A server built without lz4 (PGlite) keeps pglz: the statement is skipped.
DO $$
BEGIN
  ALTER TABLE messages
    ALTER COLUMN sources SET COMPRESSION lz4,
    ALTER COLUMN suggestions SET COMPRESSION lz4,
    ALTER COLUMN sections SET COMPRESSION lz4,
    ALTER COLUMN meta SET COMPRESSION lz4,
    ALTER COLUMN text SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  RAISE NOTICE 'lz4 is not available here: messages keep the default compression';
END
$$;
