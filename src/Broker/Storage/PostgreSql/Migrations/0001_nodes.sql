-- The broker nodes sharing this database, each with its last heartbeat: a claim on a delivery made by a node that
-- stopped beating is expired and reconciled by another (see docs/deploy.md).
CREATE TABLE broker_nodes (
    node_id     text PRIMARY KEY,
    started_at  timestamptz NOT NULL,
    seen_at     timestamptz NOT NULL
);
