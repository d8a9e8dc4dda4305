-- Pairs of canonical entities mentioned in the same article, over the whole warehouse.
CREATE OR REPLACE VIEW entity_cooccurrence AS
WITH pairs AS (
    SELECT
        p.entity_key_a,
        p.entity_key_b,
        CAST(sum(p.articles) AS BIGINT) AS articles,
        min(p.ingest_date) AS first_seen,
        max(p.ingest_date) AS last_seen
    FROM entity_pairs AS p
    GROUP BY p.entity_key_a, p.entity_key_b
)
SELECT
    pairs.entity_key_a,
    a.canonical_name AS canonical_name_a,
    pairs.entity_key_b,
    b.canonical_name AS canonical_name_b,
    pairs.articles,
    pairs.first_seen,
    pairs.last_seen
FROM pairs
JOIN entity_names AS a ON a.entity_key = pairs.entity_key_a
JOIN entity_names AS b ON b.entity_key = pairs.entity_key_b;
COMMENT ON VIEW entity_cooccurrence IS 'One row per pair of canonical entities mentioned together in at least one article. Key: (entity_key_a, entity_key_b), entity_key_a < entity_key_b: look a pair up in that order, or filter on either column.';
COMMENT ON COLUMN entity_cooccurrence.entity_key_a IS 'The alphabetically smaller entity key of the pair.';
COMMENT ON COLUMN entity_cooccurrence.canonical_name_a IS 'Name of entity_key_a (entity_names.canonical_name).';
COMMENT ON COLUMN entity_cooccurrence.entity_key_b IS 'The larger entity key of the pair.';
COMMENT ON COLUMN entity_cooccurrence.canonical_name_b IS 'Name of entity_key_b (entity_names.canonical_name).';
COMMENT ON COLUMN entity_cooccurrence.articles IS 'Articles mentioning both.';
COMMENT ON COLUMN entity_cooccurrence.first_seen IS 'First landing partition with such an article.';
COMMENT ON COLUMN entity_cooccurrence.last_seen IS 'Last landing partition with such an article.';
