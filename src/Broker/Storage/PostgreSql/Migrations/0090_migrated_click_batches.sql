-- The LiteDB click batches already copied by `broker migrate --to postgres`, by their LiteDB id: clicks have no key of
-- their own, so a second run skips a batch recorded here (the batch's clicks and its row are written in one transaction).
CREATE TABLE migrated_click_batches (
    batch_id     text PRIMARY KEY,
    clicks       integer NOT NULL,
    migrated_at  timestamptz NOT NULL
);
