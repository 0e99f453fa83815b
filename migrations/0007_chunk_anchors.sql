-- Where a passage starts inside its document's web page (a heading's #anchor on GitHub), so a
-- citation links to the passage, not just the page. NULL: the page itself.
ALTER TABLE chunks ADD COLUMN anchor text;
