-- Entities rising week over week: articles mentioning each entity in the 7 calendar days up to
-- the newest landing day with a mention (days without files count as days, unlike
-- top_entities.sql, which takes the 7 newest partitions) against the 7 days before, the largest
-- gains first. Weeks are of landing days (ingest_date); for news time, use
-- entity_published_mentions and published_date instead. An entity needs at least 2 articles
-- this week to be listed; last_week = 0 means new this week (ratio is then null).
WITH bounds AS (
    SELECT max(day) AS last_day FROM entity_daily_mentions
),
weekly AS (
    SELECT
        m.entity_key,
        min(m.label) AS label,
        min(m.canonical_name) AS canonical_name,
        CAST(coalesce(sum(m.articles) FILTER (WHERE m.day > b.last_day - 7), 0) AS BIGINT) AS this_week,
        CAST(coalesce(sum(m.articles) FILTER (WHERE m.day <= b.last_day - 7), 0) AS BIGINT) AS last_week
    FROM entity_daily_mentions AS m, bounds AS b
    WHERE m.day > b.last_day - 14
    GROUP BY m.entity_key
)
SELECT
    w.label,
    w.canonical_name,
    w.entity_key,
    w.this_week,
    w.last_week,
    w.this_week - w.last_week AS gain,
    round(w.this_week / nullif(w.last_week, 0), 2) AS ratio
FROM weekly AS w
WHERE w.this_week >= 2
ORDER BY gain DESC, w.entity_key
LIMIT 20;
