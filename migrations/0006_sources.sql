-- Sources (knowhow.yaml) and what each sync pass left behind, so the next pass downloads only
-- what changed. Which process syncs a source is a session advisory lock, not a column: a
-- killed process leaves nothing that has to expire.

CREATE TABLE sync_sources (
  name text PRIMARY KEY,
  type text NOT NULL,
  collection text NOT NULL,
  -- Opaque to the engine: a delta link, a page token; null until a pass completes.
  cursor text,
  -- Fingerprint of the settings the cursor belongs to; a change lists everything again.
  settings text NOT NULL DEFAULT '',
  last_started_at timestamptz,
  last_finished_at timestamptz,
  last_status text CHECK (last_status IN ('ok', 'partial', 'failed', 'interrupted')),
  last_error text,
  -- {added, updated, deleted, unchanged, failed} of the last pass.
  last_counts jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One row per item a source listed: its id there, the document it became, the version
-- written (compared before downloading), and the last failure, retried on the next pass.
CREATE TABLE sync_items (
  source text NOT NULL REFERENCES sync_sources (name) ON DELETE CASCADE,
  external_id text NOT NULL,
  uri text NOT NULL,
  -- Null when the item has never been written.
  version text,
  -- The chunking rules it was written with; other rules make the version stale.
  chunking text,
  -- The adapter's own per-item state (ETags, links, parent folders).
  state jsonb,
  title text,
  url text,
  failure text,
  failed_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source, external_id)
);
