-- Which people and organisations appear in the same articles as Rusia, by month of ingest.
-- One row per canonical entity (entity_key) and month.
WITH rusia_articles AS (
    SELECT DISTINCT article_id FROM entities WHERE entity_key = 'LOC:rusia'
)
SELECT
    CAST(date_trunc('month', e.ingest_date) AS DATE) AS month,
    min(e.label) AS label,
    e.entity_key,
    min(n.canonical_name) AS canonical_name,
    count(DISTINCT e.article_id) AS articles
FROM entities AS e
JOIN rusia_articles USING (article_id)
JOIN entity_names AS n USING (entity_key)
WHERE e.label IN ('PER', 'ORG')
GROUP BY month, e.entity_key
ORDER BY month, articles DESC, canonical_name, entity_key;
