-- Issue 20: the share lists read the items open for sharing now (PgItemStore.ListOpenAsync) as one range of their ends,
-- not every item ever shared and not retracted (items_open_shared), whose number grows with the years.
CREATE INDEX items_open_until ON items ((COALESCE(broker_instant(doc->>'ShareUntil'), 'infinity')))
    WHERE doc->>'SharedAt' IS NOT NULL AND doc->>'RetractedAt' IS NULL;
DROP INDEX items_open_shared;
