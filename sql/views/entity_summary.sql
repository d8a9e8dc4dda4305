-- Canonical entities with how often and in how many articles they are mentioned.
CREATE OR REPLACE VIEW entity_summary AS
SELECT
    e.entity_key,
    any_value(e.label) AS label,
    mode(e.canonical_name) AS canonical_name,
    count(*) AS mention_count,
    count(DISTINCT e.article_id) AS article_count,
    count(DISTINCT e.text) AS spelling_count,
    min(e.ingest_date) AS first_seen,
    max(e.ingest_date) AS last_seen
FROM entities AS e
GROUP BY e.entity_key;
COMMENT ON VIEW entity_summary IS 'One row per canonical entity (entity_key): mentions, articles, distinct spellings, first and last partition seen.';
