-- Engagement read back (issue 18). metrics_reads: one reading of one published post at one age; the id is the
-- delivery's id and the age, so planning twice stores once; a node claims a reading by compare-and-set on version.
-- native_posts: posts an OPD made without the broker, one per account and platform id (the id). account_engagement:
-- each account's read-back state ("metrics not permitted", the next import), compare-and-set on version.
CREATE TABLE metrics_reads (
    id            text COLLATE "C" PRIMARY KEY,
    version       bigint NOT NULL,
    status        text NOT NULL,
    due_at        timestamptz NOT NULL,
    published_at  timestamptz NOT NULL,
    doc           jsonb NOT NULL
);
CREATE INDEX metrics_reads_due ON metrics_reads (due_at) WHERE status = 'Due';
CREATE INDEX metrics_reads_published ON metrics_reads (published_at);

CREATE TABLE native_posts (
    id            text COLLATE "C" PRIMARY KEY,
    opd           text COLLATE "C" NOT NULL,
    published_at  timestamptz NOT NULL,
    doc           jsonb NOT NULL
);
CREATE INDEX native_posts_published ON native_posts (published_at);

CREATE TABLE account_engagement (
    id            text COLLATE "C" PRIMARY KEY,
    version       bigint NOT NULL,
    doc           jsonb NOT NULL
);
