-- How many passages of each document contain each lexeme. Search sums these per query word to
-- choose candidates by the question's rarer words, so common words ("plan", "employee") never
-- make it rank most of the corpus. Rows belong to their document: concurrent ingests never
-- contend on shared counters, and a document's rows change in its own transaction.

CREATE TABLE document_terms (
  document_id integer NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  lexeme text NOT NULL,
  chunks integer NOT NULL CHECK (chunks > 0),
  PRIMARY KEY (document_id, lexeme)
);

CREATE INDEX document_terms_lexeme ON document_terms (lexeme) INCLUDE (chunks);

INSERT INTO document_terms (document_id, lexeme, chunks)
SELECT c.document_id, term.lexeme, count(*)
FROM chunks c, unnest(tsvector_to_array(c.search_vector)) AS term (lexeme)
GROUP BY c.document_id, term.lexeme;
