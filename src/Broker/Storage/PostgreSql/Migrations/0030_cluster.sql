-- Shared state of the nodes (see docs/deploy.md, "Several nodes").

-- The live nodes are those seen within Cluster:NodeTimeout: looked up by every sweep.
CREATE INDEX broker_nodes_seen_at ON broker_nodes (seen_at);

-- The ASP.NET Core Data Protection key ring, one XML element per key, so that every node encrypts and decrypts (cookies,
-- stored credentials) with the same keys. Keys are only ever added; Data Protection expires them itself.
CREATE TABLE data_protection_keys (
    name        text PRIMARY KEY,
    xml         text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
