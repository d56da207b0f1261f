-- The audit trail filtered by who acted (GET /api/audit?actor=, /jejak-audit): an index range in (at, id) order, where
-- audit_at alone walked every entry of every actor from the period's start until the page was full (all of them for an
-- actor who rarely acts).
CREATE INDEX audit_actor_at ON audit (actor, at, id);
