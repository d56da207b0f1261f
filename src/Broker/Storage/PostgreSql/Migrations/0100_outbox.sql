-- The event outbox: events written by the same transaction as the state change that caused them, and how far each
-- consumer has acknowledged them. A sequence number alone is not an order a reader can trust: a transaction may take
-- sequence 5, a later one sequence 6 and commit first, and a reader past 6 would never see 5. So each row keeps the id
-- of the transaction that wrote it, and readers take only rows of transactions older than every one still running
-- (pg_snapshot_xmin), in (tx, seq) order: once a reader is past a position nothing can ever commit before it.
CREATE TABLE outbox (
    seq  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tx   bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
    doc  jsonb NOT NULL
);
CREATE INDEX outbox_order ON outbox (tx, seq);

CREATE TABLE outbox_cursors (
    consumer  text COLLATE "C" PRIMARY KEY,
    tx        bigint NOT NULL,
    seq       bigint NOT NULL
);
