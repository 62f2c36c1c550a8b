-- 008: each procedure's titles beside its document.
-- The retrieval's title coverage (title-coverage.ts) reads the titles of ten candidate procedures on every
-- question. `document->'title'` decompresses each candidate's whole document (tens of kilobytes, kept
-- out of line): on the 10,000-procedure benchmark 4 ms per question for about 300 bytes of titles. A
-- generated column keeps them in the row itself and always equal to the document's.
ALTER TABLE knowledge_procedures
  ADD COLUMN titles jsonb GENERATED ALWAYS AS (document->'title') STORED;
