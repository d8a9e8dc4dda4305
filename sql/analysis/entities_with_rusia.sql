-- Which people and organisations appear in the same articles as Rusia, by month of ingest.
WITH rusia_articles AS (
    SELECT DISTINCT article_id FROM entities WHERE entity_key = 'LOC:rusia'
)
SELECT
    CAST(date_trunc('month', e.ingest_date) AS DATE) AS month,
    e.label,
    e.canonical_name,
    count(DISTINCT e.article_id) AS articles
FROM entities AS e
JOIN rusia_articles USING (article_id)
WHERE e.label IN ('PER', 'ORG')
GROUP BY ALL
ORDER BY month, articles DESC, e.canonical_name;
