-- Typo tolerance: every lexeme of the knowledge base once, with a trigram index (pg_trgm), so
-- a question word found in no passage ("gendr") can be matched to the most similar word that
-- is ("gender"). Rows are added with their documents and never removed: a lexeme whose last
-- passage is gone finds nothing, and search only corrects towards words it finds.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE vocabulary (
  lexeme text PRIMARY KEY
);

CREATE INDEX vocabulary_trigrams ON vocabulary USING gin (lexeme gin_trgm_ops);

INSERT INTO vocabulary (lexeme)
SELECT DISTINCT lexeme FROM document_terms;
