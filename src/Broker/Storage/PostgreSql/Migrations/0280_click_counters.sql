-- Per-link click counters (issue 20): the ASN share page reads each of its links' counts instead of tallying every raw
-- click. Kept by triggers in the transaction of whatever writes the clicks or their days (the click writer's COPY on any
-- node, the roll-up, the migration from LiteDB), so they cannot drift from the rows they count.
-- click_counts: per link, its clicks (raw and rolled up) and the sum of its rolled-up days' visitors.
CREATE TABLE click_counts (
    code             text PRIMARY KEY,
    clicks           integer NOT NULL,
    rolled_visitors  integer NOT NULL
);

-- The distinct visitors among a link's raw clicks, with their raw clicks there: a visitor goes with their last raw click
-- on the link, so the retention still forgets them.
CREATE TABLE click_link_visitors (
    code     text NOT NULL,
    visitor  uuid NOT NULL,
    clicks   integer NOT NULL,
    PRIMARY KEY (code, visitor)
);

-- Rows are locked in code order (click_counts first, always), so two batches, or a batch and a roll-up, on the same
-- links wait for each other instead of deadlocking; each increment is one atomic upsert.
CREATE FUNCTION click_counts_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO click_counts (code, clicks, rolled_visitors)
    SELECT code, count(*), 0 FROM added GROUP BY code ORDER BY code
    ON CONFLICT (code) DO UPDATE SET clicks = click_counts.clicks + excluded.clicks;
    INSERT INTO click_link_visitors (code, visitor, clicks)
    SELECT code, visitor, count(*) FROM added GROUP BY code, visitor ORDER BY code, visitor
    ON CONFLICT (code, visitor) DO UPDATE SET clicks = click_link_visitors.clicks + excluded.clicks;
    RETURN NULL;
END
$$;

CREATE FUNCTION click_counts_purged() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO click_counts (code, clicks, rolled_visitors)
    SELECT code, -count(*), 0 FROM gone GROUP BY code ORDER BY code
    ON CONFLICT (code) DO UPDATE SET clicks = click_counts.clicks + excluded.clicks;
    UPDATE click_link_visitors v SET clicks = v.clicks - g.n
    FROM (SELECT code, visitor, count(*) AS n FROM gone GROUP BY code, visitor) g
    WHERE v.code = g.code AND v.visitor = g.visitor;
    DELETE FROM click_link_visitors v USING (SELECT DISTINCT code, visitor FROM gone) g
    WHERE v.code = g.code AND v.visitor = g.visitor AND v.clicks <= 0;
    RETURN NULL;
END
$$;

-- A day's counts arrive (or grow, for clicks written late) as its raw clicks are purged in the same statement.
CREATE FUNCTION click_counts_rolled_up() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO click_counts (code, clicks, rolled_visitors) VALUES (NEW.code, NEW.clicks, NEW.visitors)
        ON CONFLICT (code) DO UPDATE SET
            clicks = click_counts.clicks + excluded.clicks, rolled_visitors = click_counts.rolled_visitors + excluded.rolled_visitors;
    ELSE
        UPDATE click_counts SET clicks = clicks + NEW.clicks - OLD.clicks, rolled_visitors = rolled_visitors + NEW.visitors - OLD.visitors
        WHERE code = NEW.code;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER share_clicks_counted AFTER INSERT ON share_clicks
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION click_counts_added();
CREATE TRIGGER share_clicks_uncounted AFTER DELETE ON share_clicks
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION click_counts_purged();
CREATE TRIGGER click_days_counted AFTER INSERT OR UPDATE ON click_days
    FOR EACH ROW EXECUTE FUNCTION click_counts_rolled_up();
