-- Suspensions of publishing (Guardrails): one row per scope ('city', 'opd:{code}', 'account:{id}'), replaced over its
-- version when the scope is suspended again after a resume. Read by every node before it claims a delivery.
CREATE TABLE suspensions (
    id       text COLLATE "C" PRIMARY KEY,
    version  bigint NOT NULL,
    doc      jsonb NOT NULL
);
