-- Canonical entities with how often and in how many articles they are mentioned.
-- Counts come from the derived entity_days (an article belongs to one partition, so per-day
-- article counts add up), names from entity_names; spellings need the mentions themselves.
CREATE OR REPLACE VIEW entity_summary AS
WITH days AS (
    SELECT
        d.entity_key,
        min(d.label) AS label,
        sum(d.mentions) AS mention_count,
        sum(d.articles) AS article_count,
        min(d.ingest_date) AS first_seen,
        max(d.ingest_date) AS last_seen
    FROM entity_days AS d
    GROUP BY d.entity_key
),
spelling_counts AS (
    SELECT e.entity_key, count(DISTINCT e.text) AS spelling_count
    FROM entities AS e
    GROUP BY e.entity_key
)
SELECT
    days.entity_key,
    days.label,
    n.canonical_name,
    CAST(days.mention_count AS BIGINT) AS mention_count,
    CAST(days.article_count AS BIGINT) AS article_count,
    spelling_counts.spelling_count,
    days.first_seen,
    days.last_seen
FROM days
JOIN entity_names AS n USING (entity_key)
JOIN spelling_counts USING (entity_key);
COMMENT ON VIEW entity_summary IS 'One row per canonical entity (entity_key): mentions, articles, distinct spellings, first and last partition seen.';
COMMENT ON COLUMN entity_summary.entity_key IS 'Canonical entity, e.g. LOC:korea-utara; joins entities.entity_key.';
COMMENT ON COLUMN entity_summary.label IS 'PER, ORG or LOC.';
COMMENT ON COLUMN entity_summary.canonical_name IS 'Most frequent canonical name of the key (entity_names.canonical_name).';
COMMENT ON COLUMN entity_summary.mention_count IS 'Mentions (rows of entities).';
COMMENT ON COLUMN entity_summary.article_count IS 'Distinct articles mentioning the entity.';
COMMENT ON COLUMN entity_summary.spelling_count IS 'Distinct surface forms (entities.text), e.g. Korut and Korea Utara.';
COMMENT ON COLUMN entity_summary.first_seen IS 'First landing partition with a mention.';
COMMENT ON COLUMN entity_summary.last_seen IS 'Last landing partition with a mention.';
