-- Personal data (UU PDP): a click's visitor hash is replaced by a pseudonym once it passes Privacy:ClickRetention;
-- forgotten marks the clicks already reached, so each purge reads only the new ones.
ALTER TABLE share_clicks ADD COLUMN forgotten boolean NOT NULL DEFAULT false;
CREATE INDEX share_clicks_to_forget ON share_clicks (at) WHERE NOT forgotten;
