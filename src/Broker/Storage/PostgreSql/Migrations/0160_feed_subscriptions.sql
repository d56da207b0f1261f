-- Feed subscriptions: an OPD's feeds read into submitted items. One per OPD and feed URL (key); the poller reads the
-- due ones in order of next_poll_at. Items made from an entry need no table of their own: their id is derived from the
-- subscription and the entry, so the items' primary key is what stops two reads of one entry from making two items.
CREATE TABLE feed_subscriptions (
    id            text COLLATE "C" PRIMARY KEY,
    version       bigint NOT NULL,
    key           text COLLATE "C" NOT NULL UNIQUE,
    opd           text COLLATE "C" NOT NULL,
    next_poll_at  timestamptz NOT NULL,
    created_at    timestamptz NOT NULL,
    doc           jsonb NOT NULL
);
CREATE INDEX feed_subscriptions_opd ON feed_subscriptions (opd, created_at);
CREATE INDEX feed_subscriptions_due ON feed_subscriptions (next_poll_at);
