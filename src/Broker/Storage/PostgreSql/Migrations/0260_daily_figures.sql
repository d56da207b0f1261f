-- Pre-aggregated daily figures for the reports (issue 20, Storage/IDailyFigureStore.cs): per local day and account, the
-- deliveries first due that day by status and the posts published that day. A change of a delivery marks its days dirty
-- in its own transaction; the sweep computes a dirty day again from its raw rows and clears the mark if unchanged.
CREATE TABLE daily_figures (
    day           date NOT NULL,
    account_id    text COLLATE "C" NOT NULL,
    published     integer NOT NULL,
    failed        integer NOT NULL,
    held          integer NOT NULL,
    pending       integer NOT NULL,
    cancelled     integer NOT NULL,
    other         integer NOT NULL,
    posts         integer NOT NULL,
    last_post_at  timestamptz,
    PRIMARY KEY (day, account_id)
);
-- An account's last post before a day.
CREATE INDEX daily_figures_account_posts ON daily_figures (account_id, day) WHERE posts > 0;

-- The days computed at least once: a day not here is read from its raw rows until the backfill computes it.
CREATE TABLE daily_figure_days (day date PRIMARY KEY);

-- A day is dirty while it has marks. Every change adds its own row rather than updating one row per day, so the commits
-- of a busy day (on any number of nodes) never wait on each other's lock of that day's mark.
CREATE TABLE daily_figures_dirty (
    id   bigserial PRIMARY KEY,
    day  date NOT NULL
);
CREATE INDEX daily_figures_dirty_day ON daily_figures_dirty (day, id);

-- The delivery's instants as stored in its document (ISO 8601 with an offset, which reads the same whatever the
-- session's time zone or date style): immutable, so that an index can be built on it.
CREATE FUNCTION broker_instant(value text) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN value::timestamptz;

-- A day's raw rows: deliveries first due in it, and deliveries published in it, working and archived.
CREATE INDEX deliveries_scheduled ON deliveries (broker_instant(doc->>'ScheduledAt'));
CREATE INDEX deliveries_published ON deliveries (broker_instant(doc->>'PublishedAt')) WHERE doc->>'PublishedAt' IS NOT NULL;
CREATE INDEX deliveries_archive_scheduled ON deliveries_archive (broker_instant(doc->>'ScheduledAt'));
CREATE INDEX deliveries_archive_published ON deliveries_archive (broker_instant(doc->>'PublishedAt')) WHERE doc->>'PublishedAt' IS NOT NULL;
-- The two-hour rule's items: those whose event ended in the period.
CREATE INDEX items_event_ended ON items (broker_instant(doc->>'EventEndedAt')) WHERE doc->>'EventEndedAt' IS NOT NULL;
CREATE INDEX items_archive_event_ended ON items_archive (broker_instant(doc->>'EventEndedAt')) WHERE doc->>'EventEndedAt' IS NOT NULL;
