-- Finished work moved out of the working tables (issue 20, Storage/IArchiveStore.cs): an item with all its deliveries,
-- in one transaction. Recovery, scheduling and the working lists read only items and deliveries; a look-up by id reads
-- through to these, and the reports and the records export read them beside the working rows.
CREATE TABLE items_archive (
    id             text COLLATE "C" PRIMARY KEY,
    version        bigint NOT NULL,
    status         text NOT NULL,
    opd            text COLLATE "C" NOT NULL,
    account_count  integer NOT NULL,
    created_at     timestamptz NOT NULL,
    doc            jsonb NOT NULL,
    archived_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX items_archive_opd ON items_archive (opd);
CREATE INDEX items_archive_created ON items_archive (created_at);

CREATE TABLE deliveries_archive (
    id               text COLLATE "C" PRIMARY KEY,
    version          bigint NOT NULL,
    item_id          text COLLATE "C" NOT NULL,
    account_id       text COLLATE "C" NOT NULL,
    status           text NOT NULL,
    due_at           timestamptz NOT NULL,
    doc              jsonb NOT NULL,
    archived_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX deliveries_archive_item ON deliveries_archive (item_id);
CREATE INDEX deliveries_archive_account ON deliveries_archive (account_id);
-- A past week of the calendar.
CREATE INDEX deliveries_archive_due ON deliveries_archive (due_at, id);

-- The sweep's candidates: finished items in creation order.
CREATE INDEX items_finished_created_id ON items (created_at, id) WHERE status IN ('Published', 'Failed', 'Rejected', 'Retracted');
