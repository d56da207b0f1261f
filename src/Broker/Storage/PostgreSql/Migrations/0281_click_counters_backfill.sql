-- The counters of the clicks and days already stored (0280), in the same transaction as the triggers: CREATE TRIGGER
-- holds off other nodes' click writes until it commits, so each click is counted here or by its trigger, never both.
INSERT INTO click_counts (code, clicks, rolled_visitors)
SELECT code, sum(clicks), sum(visitors)
FROM (SELECT code, count(*) AS clicks, 0 AS visitors FROM share_clicks GROUP BY code
      UNION ALL SELECT code, clicks, visitors FROM click_days) AS stored
GROUP BY code;
INSERT INTO click_link_visitors (code, visitor, clicks)
SELECT code, visitor, count(*) FROM share_clicks GROUP BY code, visitor;
