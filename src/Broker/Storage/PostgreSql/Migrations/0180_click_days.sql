-- Personal data (UU PDP): clicks are purged once they pass Privacy:ClickRetention, day by day; each link's clicks of a
-- purged day live on here as counts (the reports add them to the raw clicks). The day is the installation's.
-- channels holds the clicks per channel number (Sharing/ShareChannels.All, which only grows at its end).
CREATE TABLE click_days (
    day       date NOT NULL,
    code      text NOT NULL,
    item_id   text NOT NULL,
    clicks    integer NOT NULL,
    visitors  integer NOT NULL,
    channels  integer[] NOT NULL,
    PRIMARY KEY (day, code)
);
CREATE INDEX click_days_item ON click_days (item_id);
CREATE INDEX click_days_code ON click_days (code);

-- Visitor hashes are no longer pseudonymised in place: the clicks that hold them are purged.
DROP INDEX share_clicks_to_forget;
ALTER TABLE share_clicks DROP COLUMN forgotten;
