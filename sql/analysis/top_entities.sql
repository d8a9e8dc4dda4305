-- Most mentioned people, organisations and places over the last 7 landing days in the warehouse
-- (the 7 newest partitions with files, however far apart, so it also works on an old copy),
-- with the number of articles that mention each. One row per canonical entity (entity_key).
-- Change LIMIT or add AND d.label = 'PER' to narrow it.
WITH recent AS (
    SELECT DISTINCT r.ingest_date
    FROM raw_files AS r
    ORDER BY r.ingest_date DESC
    LIMIT 7
)
SELECT
    d.entity_key,
    min(d.label) AS label,
    min(n.canonical_name) AS canonical_name,
    CAST(sum(d.mentions) AS BIGINT) AS mentions,
    CAST(sum(d.articles) AS BIGINT) AS articles
FROM entity_days AS d
JOIN entity_names AS n USING (entity_key)
WHERE d.ingest_date IN (SELECT ingest_date FROM recent)
GROUP BY d.entity_key
ORDER BY mentions DESC, canonical_name, entity_key
LIMIT 20;
