-- Knowledge base: documents, their passages (chunks) with a weighted full-text vector, and
-- embeddings kept per embedding model so a model switch builds new vectors beside the old.

CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE documents (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  collection text NOT NULL,
  -- Identity within a collection: file:///absolute/path or https://...
  uri text NOT NULL,
  -- What users see: path relative to the ingest root, or the URL.
  source text NOT NULL,
  title text NOT NULL,
  url text,
  content_hash text NOT NULL,
  -- The chunking rules used; a change re-chunks even unchanged content.
  chunking text NOT NULL,
  media_type text NOT NULL,
  size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
  metadata jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (collection, uri)
);

CREATE TABLE chunks (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  document_id integer NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  ordinal integer NOT NULL,
  text text NOT NULL,
  -- Heading path such as 'Leave > Vacation' (markdown, HTML, Word).
  heading text,
  -- 1-based page range (PDF).
  page_start integer,
  page_end integer,
  token_count integer NOT NULL,
  -- Title (A) and headings (B) weigh more than body text (D).
  search_vector tsvector NOT NULL,
  UNIQUE (document_id, ordinal),
  CHECK ((page_start IS NULL) = (page_end IS NULL) AND (page_end IS NULL OR page_end >= page_start))
);

CREATE INDEX chunks_search_vector ON chunks USING gin (search_vector);

CREATE TABLE embedding_models (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  dimensions integer NOT NULL CHECK (dimensions > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (name, dimensions)
);

-- The column has no fixed dimension; each model gets a partial HNSW index over
-- embedding::vector(<its dimensions>) WHERE model_id = <its id>, created when the model is
-- registered (pgvector's way to index several dimensions in one column).
CREATE TABLE chunk_embeddings (
  model_id integer NOT NULL REFERENCES embedding_models (id) ON DELETE CASCADE,
  chunk_id integer NOT NULL REFERENCES chunks (id) ON DELETE CASCADE,
  embedding vector NOT NULL,
  PRIMARY KEY (model_id, chunk_id)
);

CREATE INDEX chunk_embeddings_chunk ON chunk_embeddings (chunk_id);
