-- Election periods (Guardrails): each with its terms inside doc; replaced over its version.
CREATE TABLE election_periods (
    id         text COLLATE "C" PRIMARY KEY,
    version    bigint NOT NULL,
    starts_at  timestamptz NOT NULL,
    ends_at    timestamptz NOT NULL,
    doc        jsonb NOT NULL
);
CREATE INDEX election_periods_ends ON election_periods (ends_at);
