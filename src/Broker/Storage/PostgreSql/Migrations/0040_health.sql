-- One row per node that readiness (/health/ready) overwrites: a real write that commits, never a growing table.
CREATE TABLE broker_health_probe (
    node    text PRIMARY KEY,
    at      timestamptz NOT NULL
);
