-- Keyset pages (issue 20): every list orders on (time, id) and resumes after its last row, so each filter it takes has
-- an index ending in (time, id), scanned forward or backward. They replace the indexes on time alone.
CREATE INDEX items_status_created_id ON items (status, created_at, id);
CREATE INDEX items_opd_created_id ON items (opd, created_at, id);
CREATE INDEX items_created_id ON items (created_at, id);
-- A reporter's own items.
CREATE INDEX items_submitter_created_id ON items ((doc->>'SubmittedBy'), created_at, id);
DROP INDEX items_status_created;
DROP INDEX items_opd_created;
DROP INDEX items_created;

CREATE INDEX deliveries_status_due_id ON deliveries (status, due_at, id);
CREATE INDEX deliveries_due_id ON deliveries (due_at, id);

-- The share lists read the items open for sharing (shared, not retracted), few beside all.
CREATE INDEX items_open_shared ON items (id) WHERE doc->>'SharedAt' IS NOT NULL AND doc->>'RetractedAt' IS NULL;
