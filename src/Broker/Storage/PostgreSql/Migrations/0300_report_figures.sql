-- Issue 20: the delivery-health report's failed and held deliveries of a period, found among a year's deliveries by a
-- partial index on their first-due time that holds only those two statuses (working and archived), never the rest.
CREATE INDEX deliveries_problems_scheduled ON deliveries (broker_instant(doc->>'ScheduledAt')) WHERE status IN ('Failed', 'Held');
CREATE INDEX deliveries_archive_problems_scheduled ON deliveries_archive (broker_instant(doc->>'ScheduledAt')) WHERE status IN ('Failed', 'Held');

-- The two-hour rule's figures: per local day of the events' end and OPD, the items (rejected ones left out), how many
-- were first published within the time allowed when computed (target_minutes), how many after it, and how many not yet.
-- Written with the day's delivery figures, in the same transaction (IDailyFigureStore.ReplaceAsync).
CREATE TABLE daily_event_figures (
    day             date NOT NULL,
    opd             text COLLATE "C" NOT NULL,
    items           integer NOT NULL,
    met             integer NOT NULL,
    missed          integer NOT NULL,
    unpublished     integer NOT NULL,
    target_minutes  integer NOT NULL,
    PRIMARY KEY (day, opd)
);

-- Days computed before these figures existed are computed again, read from their raw rows until then.
INSERT INTO daily_figures_dirty (day) SELECT day FROM daily_figure_days;
