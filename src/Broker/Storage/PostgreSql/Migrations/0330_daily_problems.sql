-- Issue 20: the delivery-health report's failed and held deliveries, kept per local day with the day's figures
-- (IDailyFigureStore.ReplaceAsync, in the same transaction) as compact rows of the fields the report shows: a report over
-- a year reads these instead of the year's problem deliveries whole.
CREATE TABLE daily_problems (
    day           date NOT NULL,
    delivery_id   text COLLATE "C" NOT NULL,
    item_id       text COLLATE "C" NOT NULL,
    account_id    text COLLATE "C" NOT NULL,
    platform      text NOT NULL,
    status        text NOT NULL,
    error         text,
    error_code    text,
    attempts      integer NOT NULL,
    scheduled_at  timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (day, delivery_id)
);

-- Days computed before these rows existed are computed again, read from their raw rows until then.
INSERT INTO daily_figures_dirty (day) SELECT day FROM daily_figure_days;
