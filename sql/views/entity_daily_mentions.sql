-- Mentions of each canonical entity per landing day (the partition the pages arrived in, not
-- when they were published: entity_published_mentions counts by publication day).
CREATE OR REPLACE VIEW entity_daily_mentions AS
SELECT
    d.ingest_date AS day,
    d.entity_key,
    d.label,
    n.canonical_name,
    d.mentions,
    d.articles
FROM entity_days AS d
JOIN entity_names AS n USING (entity_key);
COMMENT ON VIEW entity_daily_mentions IS 'One row per canonical entity per landing day with at least one mention. Key: (day, entity_key).';
COMMENT ON COLUMN entity_daily_mentions.day IS 'Landing-zone partition (ingest_date) of the mentioning articles, not their publication date (see entity_published_mentions).';
COMMENT ON COLUMN entity_daily_mentions.entity_key IS 'Canonical entity; joins entities.entity_key and entity_summary.';
COMMENT ON COLUMN entity_daily_mentions.label IS 'PER, ORG or LOC.';
COMMENT ON COLUMN entity_daily_mentions.canonical_name IS 'Name of the entity (entity_names.canonical_name), the same on every day.';
COMMENT ON COLUMN entity_daily_mentions.mentions IS 'Mentions that day.';
COMMENT ON COLUMN entity_daily_mentions.articles IS 'Distinct articles mentioning the entity that day; sums over days.';
