-- The core state: items, deliveries, amplification requests, accounts, OPDs, users, the audit log, installation
-- secrets and OAuth connections. Each row keeps its entity as one JSON document (doc, read back whole) beside real
-- columns for what is queried, compared or ordered. Ids are text in the "C" collation: compared and ordered byte by
-- byte, so an id finds only itself (as on LiteDB) and keyset paging resumes in the order it reads.
-- The version column is the entity's version; the copy inside doc is ignored on reading.

CREATE TABLE items (
    id             text COLLATE "C" PRIMARY KEY,
    version        bigint NOT NULL,
    status         text NOT NULL,
    opd            text COLLATE "C" NOT NULL,
    account_count  integer NOT NULL,
    created_at     timestamptz NOT NULL,
    doc            jsonb NOT NULL
);
CREATE INDEX items_status_created ON items (status, created_at DESC);
CREATE INDEX items_opd_created ON items (opd, created_at DESC);
CREATE INDEX items_created ON items (created_at DESC);
-- Start-up recovery walks the live items in id order.
CREATE INDEX items_live ON items (id) WHERE status IN ('Approved', 'Published', 'Failed');

CREATE TABLE deliveries (
    id               text COLLATE "C" PRIMARY KEY,
    version          bigint NOT NULL,
    item_id          text COLLATE "C" NOT NULL,
    account_id       text COLLATE "C" NOT NULL,
    status           text NOT NULL,
    due_at           timestamptz NOT NULL,
    needs_reconcile  boolean NOT NULL,
    doc              jsonb NOT NULL
);
CREATE INDEX deliveries_item ON deliveries (item_id);
CREATE INDEX deliveries_account_status ON deliveries (account_id, status);
CREATE INDEX deliveries_status ON deliveries (status);
-- Start-up recovery walks the pending deliveries in id order; finished rows never enter this index.
CREATE INDEX deliveries_pending ON deliveries (id) INCLUDE (item_id, status, due_at, needs_reconcile)
    WHERE status IN ('Scheduled', 'Retrying', 'Publishing');

CREATE TABLE amplification_requests (
    id          text COLLATE "C" PRIMARY KEY,
    version     bigint NOT NULL,
    opd         text COLLATE "C" NOT NULL,
    status      text NOT NULL,
    created_at  timestamptz NOT NULL,
    doc         jsonb NOT NULL
);
CREATE INDEX amplification_requests_opd ON amplification_requests (opd, created_at DESC);
CREATE INDEX amplification_requests_created ON amplification_requests (created_at DESC);

CREATE TABLE accounts (
    id   text COLLATE "C" PRIMARY KEY,
    opd  text COLLATE "C" NOT NULL,
    doc  jsonb NOT NULL
);
CREATE INDEX accounts_opd ON accounts (opd, id);

CREATE TABLE opds (
    id   text COLLATE "C" PRIMARY KEY,
    doc  jsonb NOT NULL
);

CREATE TABLE users (
    id          text COLLATE "C" PRIMARY KEY,
    token_hash  text COLLATE "C" NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL,
    doc         jsonb NOT NULL
);
CREATE INDEX users_created ON users (created_at);

CREATE TABLE audit (
    id         text COLLATE "C" PRIMARY KEY,
    at         timestamptz NOT NULL,
    actor      text COLLATE "C" NOT NULL,
    object_id  text COLLATE "C" NOT NULL,
    doc        jsonb NOT NULL
);
CREATE INDEX audit_object_at ON audit (object_id, at, id);
CREATE INDEX audit_at ON audit (at, id);

CREATE TABLE installation_secrets (
    name   text COLLATE "C" PRIMARY KEY,
    value  bytea NOT NULL
);

CREATE TABLE account_connections (
    id      text COLLATE "C" PRIMARY KEY,
    state   text COLLATE "C" NOT NULL UNIQUE,
    status  text NOT NULL,
    doc     jsonb NOT NULL
);

-- The compare-and-set of a state change: each conditional update of a change is followed by this check, which aborts
-- the whole change (one implicit transaction) when the update found its row at another version or not at all.
CREATE FUNCTION broker_expect_one(matched bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF matched <> 1 THEN
        RAISE EXCEPTION 'stale version' USING ERRCODE = 'BRK01';
    END IF;
END
$$;
