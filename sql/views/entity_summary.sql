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
COMMENT ON COLUMN entity_summary.entity_key IS 'Canonical entity, e.g. LOC:korea-utara; joins entities.entity_key.';
COMMENT ON COLUMN entity_summary.label IS 'PER, ORG or LOC.';
COMMENT ON COLUMN entity_summary.canonical_name IS 'Most frequent canonical name of the key.';
COMMENT ON COLUMN entity_summary.mention_count IS 'Mentions (rows of entities).';
COMMENT ON COLUMN entity_summary.article_count IS 'Distinct articles mentioning the entity.';
COMMENT ON COLUMN entity_summary.spelling_count IS 'Distinct surface forms (entities.text), e.g. Korut and Korea Utara.';
COMMENT ON COLUMN entity_summary.first_seen IS 'First landing partition with a mention.';
COMMENT ON COLUMN entity_summary.last_seen IS 'Last landing partition with a mention.';
