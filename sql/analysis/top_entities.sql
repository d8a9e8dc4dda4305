-- Most mentioned people, organisations and places over the last 7 landing days in the warehouse
-- (relative to the newest partition, so it also works on an old copy), with the number of
-- articles that mention each. Change LIMIT or add WHERE e.label = 'PER' to narrow it.
SELECT
    e.label,
    e.canonical_name,
    count(*) AS mentions,
    count(DISTINCT e.article_id) AS articles
FROM entities AS e
WHERE e.ingest_date > (SELECT max(ingest_date) FROM entities) - INTERVAL 7 DAY
GROUP BY e.label, e.canonical_name
ORDER BY mentions DESC, e.canonical_name
LIMIT 20;
