-- Where in a passage's text each later page begins (character offsets, one per page after
-- page_start), so a citation names the page its quoted sentence is on, not the passage's
-- whole range. NULL: one page, not paged, or chunked before this column (re-chunked on the
-- next ingest, whose chunking signature changed with it).
ALTER TABLE chunks ADD COLUMN page_breaks integer[];
