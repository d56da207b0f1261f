-- Every version of an item's content (submission, edit, correction, edit in place), inserted in the same transaction
-- as the change that made it; the id is the item's id and its version then, so one version is stored once.
CREATE TABLE item_revisions (
    id            text COLLATE "C" PRIMARY KEY,
    item_id       text COLLATE "C" NOT NULL,
    item_version  bigint NOT NULL,
    doc           jsonb NOT NULL
);
CREATE INDEX item_revisions_item ON item_revisions (item_id, item_version);
